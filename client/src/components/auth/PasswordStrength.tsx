"use client";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { useEffect, useState } from "react";
import type { Strength } from "@/lib/password-strength";

type Checker = typeof import("@/lib/password-strength");

const LOOK = [
  { label: "Too weak", color: "#b3261e" },
  { label: "Weak", color: "#b3261e" },
  { label: "Fair", color: "#8f4c00" },
  { label: "Good", color: "#1b6e20" },
  { label: "Strong", color: "#1b6e20" },
] as const;

/**
 * zxcvbn's verdict on a new password, loaded on first use (the checker and its common-password
 * list are a chunk of their own). Reports the strength up so the form can refuse a weak one.
 */
export function usePasswordStrength(password: string, userInputs: string[]): Strength | null {
  const [checker, setChecker] = useState<Checker | null>(null);
  useEffect(() => {
    if (!password || checker) return;
    let live = true;
    void import("@/lib/password-strength").then((module) => {
      if (live) setChecker(module);
    });
    return () => {
      live = false;
    };
  }, [password, checker]);
  if (!password || !checker) return null;
  return checker.passwordStrength(password, userInputs);
}

/** The message a form shows for a password the auth service would refuse, or undefined. */
export function weakPasswordError(strength: Strength | null): string | undefined {
  if (!strength || strength.score >= 2) return undefined;
  return `Too easy to guess.${strength.warning ? ` ${strength.warning}` : ""} Use a few unrelated words or a longer phrase.`;
}

/** A strength meter under a new-password field: five steps, in words for screen readers too. */
export function PasswordStrength({ strength, id }: { strength: Strength | null; id: string }) {
  const look = strength ? LOOK[strength.score] : null;
  return (
    <Box id={id} aria-live="polite" sx={{ minHeight: 28, mt: -0.5, mb: 0.5 }} data-testid="password-strength">
      {strength && look ? (
        <>
          <Box aria-hidden sx={{ display: "grid", gridTemplateColumns: "repeat(5, 1fr)", gap: 0.5, mb: 0.5 }}>
            {[0, 1, 2, 3, 4].map((step) => (
              <Box
                key={step}
                sx={{ height: 4, borderRadius: 2, bgcolor: step <= strength.score ? look.color : "#d0d4dc" }}
              />
            ))}
          </Box>
          <Typography variant="body2" sx={{ color: look.color, fontWeight: 600 }}>
            Password strength: {look.label}
            {strength.score < 2 && strength.warning ? (
              <Typography component="span" variant="body2" color="textSecondary" sx={{ fontWeight: 400 }}>
                {" "}
                — {strength.warning}
              </Typography>
            ) : null}
          </Typography>
        </>
      ) : null}
    </Box>
  );
}
