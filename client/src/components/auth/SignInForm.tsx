"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { signIn } from "@/lib/api";
import type { ApiError } from "@/lib/api-error";
import { safeReturnPath, validateSignIn } from "@/lib/validation";
import { usePublicConfig } from "../app/PublicConfigContext";
import { useToast } from "../app/useToast";
import { FormErrors } from "../common/FormErrors";
import { focusField, useFormErrors } from "../common/useFormErrors";
import { googleErrorMessage, OrSignInWithGoogle } from "./GoogleSignInButton";
import { PasswordField } from "./PasswordField";

const FIELDS = ["email", "password"] as const;

const translate = (err: ApiError) => {
  if (err.status === 429) return err.message; // "Too many attempts. Try again in N seconds."
  return null;
};

/** Email and password sign-in; afterwards back to where the visitor was going (`next`). */
export function SignInForm({
  next,
  googleError,
  request = signIn,
}: {
  next?: string;
  googleError?: string;
  request?: typeof signIn;
}) {
  const router = useRouter();
  const toast = useToast();
  const { googleSignIn } = usePublicConfig();
  const [values, setValues] = useState({ email: "", password: "" });
  const [sending, setSending] = useState(false);
  const form = useFormErrors(FIELDS, () => validateSignIn(values));
  const destination = safeReturnPath(next);

  const field = (name: (typeof FIELDS)[number]) => form.bind("signin", name, values, setValues);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = form.validateAll();
    if (invalid) return focusField(`signin-${invalid}`);
    setSending(true);
    try {
      const { user } = await request({ email: values.email.trim(), password: values.password });
      toast(`Welcome back, ${user.name}.`, "success");
      router.replace(destination);
      router.refresh();
    } catch (err) {
      setSending(false);
      const first = form.fromServer(err, translate);
      if (first) focusField(`signin-${first}`);
    }
  };

  const googleMessage = googleErrorMessage(googleError);
  const signUpHref = destination === "/" ? "/auth/signup" : `/auth/signup?next=${encodeURIComponent(destination)}`;

  return (
    <Box sx={{ display: "grid", gap: 2 }}>
      {googleMessage ? <Alert severity="error">{googleMessage}</Alert> : null}
      <Box component="form" noValidate onSubmit={submit} sx={{ display: "grid", gap: 1 }} aria-label="Sign in">
        <FormErrors errors={form.formErrors} />
        <TextField {...field("email")} label="Email" type="email" autoComplete="email" required />
        <PasswordField {...field("password")} label="Password" autoComplete="current-password" required />
        <Button type="submit" variant="contained" size="large" loading={sending}>
          Sign in
        </Button>
      </Box>
      <OrSignInWithGoogle enabled={googleSignIn} />
      <Typography variant="body2">
        <Link href="/auth/forgot-password">Forgot your password?</Link>
      </Typography>
      <Typography variant="body2">
        New here? <Link href={signUpHref}>Create an account</Link>
      </Typography>
    </Box>
  );
}
