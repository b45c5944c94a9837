"use client";
import Alert from "@mui/material/Alert";

/** The banner OfflineNotice shows while the browser is offline. */
export default function OfflineBanner() {
  return (
    <Alert severity="warning" variant="filled" sx={{ borderRadius: 0 }} data-testid="offline-banner">
      You are offline. What is on this page stays readable; links and actions work again once you reconnect.
    </Alert>
  );
}
