"use client";
import Alert from "@mui/material/Alert";
import Snackbar from "@mui/material/Snackbar";
import { dismissAlert } from "@/store/alerts-slice";
import { useAppDispatch, useAppSelector } from "@/store/store";

/** Shows queued alerts one at a time; errors stay until dismissed, others fade after 6 s. */
export function Toasts() {
  const current = useAppSelector((state) => state.alerts.queue[0]);
  const dispatch = useAppDispatch();
  if (!current) return null;
  const close = () => dispatch(dismissAlert(current.id));
  return (
    <Snackbar
      key={current.id}
      open
      autoHideDuration={current.severity === "error" ? null : 6000}
      onClose={(_event, reason) => reason !== "clickaway" && close()}
      anchorOrigin={{ vertical: "bottom", horizontal: "center" }}
    >
      <Alert
        onClose={close}
        severity={current.severity}
        role={current.severity === "error" ? "alert" : "status"}
        variant="filled"
        sx={{ width: "100%" }}
      >
        {current.message}
      </Alert>
    </Snackbar>
  );
}
