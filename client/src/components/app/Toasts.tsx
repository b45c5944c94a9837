"use client";
// Toasts: short messages after an action ("Ticket listed", "Could not cancel the order"),
// one at a time. A context of their own (not the Redux store): every page can show one,
// and pages without checkout carry no Redux code.
import dynamic from "next/dynamic";
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from "react";

export type ToastSeverity = "success" | "info" | "warning" | "error";

export interface Toast {
  id: number;
  message: string;
  severity: ToastSeverity;
}

type ShowToast = (message: string, severity?: ToastSeverity) => void;

const ShowToastContext = createContext<ShowToast | null>(null);

// Loaded with the first toast, not with every page.
const ToastSnackbar = dynamic(() => import("./ToastSnackbar"), { ssr: false });

/** Queues toasts and shows them one at a time; errors stay until dismissed, others fade after 6 s. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [queue, setQueue] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const show = useCallback<ShowToast>((message, severity = "info") => {
    const id = nextId.current;
    nextId.current += 1;
    setQueue((q) => [...q, { id, message, severity }]);
  }, []);
  const current = queue[0];
  return (
    <ShowToastContext.Provider value={show}>
      {children}
      {current ? (
        <ToastSnackbar
          key={current.id}
          toast={current}
          onClose={() => setQueue((q) => q.filter((t) => t.id !== current.id))}
        />
      ) : null}
    </ShowToastContext.Provider>
  );
}

export function useShowToast(): ShowToast {
  const show = useContext(ShowToastContext);
  if (!show) throw new Error("useToast needs a <ToastProvider> above it (the root layout has one)");
  return show;
}
