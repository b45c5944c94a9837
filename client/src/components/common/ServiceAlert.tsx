import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import { ApiError } from "@/lib/api-error";

/** A failed server-side load, explained in words (instead of an error page). */
export function ServiceAlert({ what, error }: { what: string; error: unknown }) {
  const detail = error instanceof ApiError ? error.message : "Something went wrong on our side.";
  return (
    <Alert severity="error" sx={{ my: 2 }}>
      <AlertTitle>We could not load {what}</AlertTitle>
      {detail} Reload the page to try again.
    </Alert>
  );
}
