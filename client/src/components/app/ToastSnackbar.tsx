"use client";
import Alert from "@mui/material/Alert";
import Snackbar from "@mui/material/Snackbar";
import type { Toast } from "./Toasts";

/** One toast. Loaded with the first toast, not with every page. */
export default function ToastSnackbar({ toast, onClose }: { toast: Toast; onClose: () => void }) {
  return (
    <Snackbar
      open
      autoHideDuration={toast.severity === "error" ? null : 6000}
      onClose={(_event, reason) => reason !== "clickaway" && onClose()}
      anchorOrigin={{ vertical: "bottom", horizontal: "center" }}
    >
      <Alert
        onClose={onClose}
        severity={toast.severity}
        role={toast.severity === "error" ? "alert" : "status"}
        variant="filled"
        sx={{ width: "100%" }}
      >
        {toast.message}
      </Alert>
    </Snackbar>
  );
}
