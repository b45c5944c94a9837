"use client";
import { useCallback } from "react";
import { describeError } from "@/lib/api-error";
import { type AlertSeverity, showAlert } from "@/store/alerts-slice";
import { useAppDispatch } from "@/store/store";

/** `toast("Saved", "success")`, or `toast.error(err)` for any failure. */
export function useToast() {
  const dispatch = useAppDispatch();
  const toast = useCallback(
    (message: string, severity: AlertSeverity = "info") => dispatch(showAlert(message, severity)),
    [dispatch],
  );
  const error = useCallback((err: unknown) => dispatch(showAlert(describeError(err), "error")), [dispatch]);
  return Object.assign(toast, { error });
}
