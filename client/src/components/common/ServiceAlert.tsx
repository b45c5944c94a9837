import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import { ApiError } from "@/lib/api-error";

/** A failed server-side load, explained in words (instead of an error page). */
export function ServiceAlert({ what, error }: { what: string; error: unknown }) {
  const clientSide = error instanceof ApiError && error.status >= 400 && error.status < 500;
  return (
    <Alert severity="error" sx={{ my: 2 }}>
      <AlertTitle>We could not load {what}</AlertTitle>
      {clientSide ? error.message : "The service is not answering right now. Reload the page in a moment."}
    </Alert>
  );
}
