"use client";
import { useMemo } from "react";
import { describeError } from "@/lib/api-error";
import { type ToastSeverity, useShowToast } from "./Toasts";

/** `toast("Saved", "success")`, or `toast.error(err)` for any failure. */
export function useToast() {
  const show = useShowToast();
  return useMemo(
    () =>
      Object.assign((message: string, severity: ToastSeverity = "info") => show(message, severity), {
        error: (err: unknown) => show(describeError(err), "error"),
      }),
    [show],
  );
}
