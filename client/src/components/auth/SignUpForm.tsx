"use client";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { signUp } from "@/lib/api";
import { ApiError } from "@/lib/api-error";
import { LIMITS, type SignUpValues, safeReturnPath, validateSignUp } from "@/lib/validation";
import { usePublicConfig } from "../app/PublicConfigContext";
import { useToast } from "../app/useToast";
import { FormErrors } from "../common/FormErrors";
import { focusField, useFormErrors } from "../common/useFormErrors";
import { OrSignInWithGoogle } from "./GoogleSignInButton";
import { PasswordField } from "./PasswordField";
import { PasswordStrength, usePasswordStrength, weakPasswordError } from "./PasswordStrength";
import { Recaptcha, type RecaptchaHandle } from "./Recaptcha";

const FIELDS = ["name", "email", "password", "passwordConfirm", "recaptchaToken"] as const;
type Field = (typeof FIELDS)[number];

/** Creates an account (signed in straight away), then goes where the visitor was going. */
export function SignUpForm({ next, request = signUp }: { next?: string; request?: typeof signUp }) {
  const router = useRouter();
  const toast = useToast();
  const { recaptchaSiteKey, googleSignIn } = usePublicConfig();
  const [values, setValues] = useState<SignUpValues>({ name: "", email: "", password: "", passwordConfirm: "" });
  const [recaptchaToken, setRecaptchaToken] = useState("");
  const [sending, setSending] = useState(false);
  const recaptcha = useRef<RecaptchaHandle>(null);
  const strength = usePasswordStrength(values.password, [values.name, values.email]);
  const form = useFormErrors<Field>(FIELDS, () => ({
    ...validateSignUp(values),
    ...(!validateSignUp(values).password && weakPasswordError(strength)
      ? { password: weakPasswordError(strength) }
      : {}),
    ...(recaptchaSiteKey && !recaptchaToken ? { recaptchaToken: "Tick “I’m not a robot” first" } : {}),
  }));
  const destination = safeReturnPath(next);

  const field = (name: keyof SignUpValues) => form.bind("signup", name, values, setValues, HINTS[name]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = form.validateAll();
    if (invalid) return invalid !== "recaptchaToken" ? focusField(`signup-${invalid}`) : undefined;
    setSending(true);
    try {
      const { user } = await request({
        ...values,
        name: values.name.trim(),
        email: values.email.trim(),
        ...(recaptchaSiteKey ? { recaptchaToken } : {}),
      });
      toast(`Welcome to Ticketing, ${user.name}!`, "success");
      router.replace(destination);
      router.refresh();
    } catch (err) {
      setSending(false);
      recaptcha.current?.reset();
      // 409: the only conflict sign-up has is an email already in use.
      const conflict = err instanceof ApiError && err.status === 409 && !err.errors.some((e) => e.field);
      const first = form.fromServer(conflict ? new ApiError(409, [{ message: err.message, field: "email" }]) : err);
      if (first && first !== "recaptchaToken") focusField(`signup-${first}`);
    }
  };

  const signInHref = destination === "/" ? "/auth/signin" : `/auth/signin?next=${encodeURIComponent(destination)}`;

  return (
    <Box sx={{ display: "grid", gap: 2 }}>
      <Box component="form" noValidate onSubmit={submit} sx={{ display: "grid", gap: 1 }} aria-label="Sign up">
        <FormErrors errors={form.formErrors} />
        <TextField {...field("name")} label="Name" autoComplete="name" required />
        <TextField {...field("email")} label="Email" type="email" autoComplete="email" required />
        <PasswordField {...field("password")} label="Password" autoComplete="new-password" required />
        <PasswordStrength strength={strength} id="signup-password-strength" />
        <PasswordField {...field("passwordConfirm")} label="Repeat password" autoComplete="new-password" required />
        {recaptchaSiteKey ? (
          <Recaptcha
            ref={recaptcha}
            siteKey={recaptchaSiteKey}
            onToken={(token) => {
              setRecaptchaToken(token);
              form.edited("recaptchaToken");
            }}
            error={form.errorFor("recaptchaToken")}
          />
        ) : null}
        <Button type="submit" variant="contained" size="large" loading={sending} sx={{ mt: 1 }}>
          Create account
        </Button>
      </Box>
      <OrSignInWithGoogle enabled={googleSignIn} />
      <Typography variant="body2">
        Already have an account? <Link href={signInHref}>Sign in</Link>
      </Typography>
    </Box>
  );
}

const HINTS: Partial<Record<keyof SignUpValues, string>> = {
  name: "Shown to buyers and sellers",
  password: `At least ${LIMITS.passwordMin} characters; a few unrelated words are easy to remember and hard to guess`,
};
