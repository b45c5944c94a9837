import Alert from "@mui/material/Alert";
import type { ReactNode } from "react";

/** An error message announced to screen readers, or nothing when there is none; `children` follow the message. */
export function ErrorAlert({ message, children }: { message: string | null | undefined; children?: ReactNode }) {
  if (!message) return null;
  return (
    <Alert severity="error" role="alert">
      {message}
      {children}
    </Alert>
  );
}
