"use client";
import Alert from "@mui/material/Alert";
import Snackbar from "@mui/material/Snackbar";
import { ThemeProvider } from "@mui/material/styles";
import { theme } from "@/theme";
import type { Toast } from "./Toasts";

/**
 * One toast. Loaded with the first toast, not with every page; it brings the theme along, as
 * the toasts are above the layouts that give MUI pages theirs (the home page has none).
 */
export default function ToastSnackbar({ toast, onClose }: { toast: Toast; onClose: () => void }) {
  return (
    <ThemeProvider theme={theme}>
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
    </ThemeProvider>
  );
}
