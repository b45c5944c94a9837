"use client";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ErrorAlert } from "@/components/common/ErrorAlert";
import { resetPassword } from "@/lib/api";
import { SimpleField } from "./SimpleField";
import { useSend } from "./useSend";

/** Sets a new password from the mailed link; on success this browser is signed in. */
export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [passwordConfirm, setPasswordConfirm] = useState("");
  const { sending, error, send } = useSend();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return send(
      async () => {
        await resetPassword({ token, password, passwordConfirm });
        router.push("/");
        router.refresh();
      },
      { keepSending: true },
    );
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={submit}
      sx={{ display: "grid", gap: 2 }}
      aria-label="Choose a new password"
    >
      <ErrorAlert message={error}>
        {" "}
        <Link href="/auth/forgot-password">Ask for a new link</Link>
      </ErrorAlert>
      <input type="text" name="username" autoComplete="username" hidden readOnly value="" />
      <SimpleField
        id="reset-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        value={password}
        onValue={setPassword}
        helperText="At least 8 characters"
      />
      <SimpleField
        id="reset-password-confirm"
        label="Repeat new password"
        type="password"
        autoComplete="new-password"
        value={passwordConfirm}
        onValue={setPasswordConfirm}
      />
      <Button type="submit" variant="contained" loading={sending}>
        Set new password
      </Button>
    </Box>
  );
}
