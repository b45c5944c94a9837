"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import { type FormEvent, useState } from "react";
import { ErrorAlert } from "@/components/common/ErrorAlert";
import { requestPasswordReset } from "@/lib/api";
import { describeError } from "@/lib/api-error";
import { SimpleField } from "./SimpleField";

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      setDone((await requestPasswordReset(email)).message);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setSending(false);
    }
  };

  if (done) return <Alert severity="success">{done}</Alert>;
  return (
    <Box component="form" noValidate onSubmit={submit} sx={{ display: "grid", gap: 2 }} aria-label="Forgot password">
      <ErrorAlert message={error} />
      <SimpleField id="forgot-email" label="Email" type="email" autoComplete="email" value={email} onValue={setEmail} />
      <Button type="submit" variant="contained" loading={sending}>
        Send me a link
      </Button>
    </Box>
  );
}
