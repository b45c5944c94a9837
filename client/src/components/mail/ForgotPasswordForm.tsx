"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import { type FormEvent, useState } from "react";
import { ErrorAlert } from "@/components/common/ErrorAlert";
import { requestPasswordReset } from "@/lib/api";
import { SimpleField } from "./SimpleField";
import { useSend } from "./useSend";

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [done, setDone] = useState<string>();
  const { sending, error, send } = useSend();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return send(async () => setDone((await requestPasswordReset(email)).message));
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
