import Alert from "@mui/material/Alert";
import CircularProgress from "@mui/material/CircularProgress";

/** What both checkouts show while payments captures the approved PayPal order. */
export function CapturingNotice() {
  return (
    <Alert severity="info" icon={<CircularProgress size={20} />} role="status">
      Completing your payment…
    </Alert>
  );
}
