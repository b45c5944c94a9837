"use client";
import dynamic from "next/dynamic";
import { dismissAlert } from "@/store/alerts-slice";
import { useAppDispatch, useAppSelector } from "@/store/store";

const ToastSnackbar = dynamic(() => import("./ToastSnackbar"), { ssr: false });

/** Shows queued alerts one at a time; errors stay until dismissed, others fade after 6 s. */
export function Toasts() {
  const current = useAppSelector((state) => state.alerts.queue[0]);
  const dispatch = useAppDispatch();
  if (!current) return null;
  return <ToastSnackbar key={current.id} toast={current} onClose={() => dispatch(dismissAlert(current.id))} />;
}
