"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Order } from "@/lib/api-types";

/**
 * The order as the orders service has it now: re-read every `intervalMs` while it can
 * still change (waiting for payment, completion after capture, cancellation on expiry),
 * and no more once it is final. `failing` is true while the last read failed.
 */
export function useLiveOrder(
  initial: Order,
  load: (id: string) => Promise<{ order: Order }>,
  intervalMs: number,
): { order: Order; failing: boolean; apply: (order: Order) => void } {
  const [order, setOrder] = useState(initial);
  const [failing, setFailing] = useState(false);
  const version = useRef(initial.version);

  /** Keeps the newest state: a slow poll never undoes a cancellation the page already shows. */
  const apply = useCallback((next: Order) => {
    if (next.version < version.current) return;
    version.current = next.version;
    setOrder(next);
  }, []);

  const open = order.status === "created";
  useEffect(() => {
    if (!open) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { order: next } = await load(initial.id);
        if (stopped) return;
        apply(next);
        setFailing(false);
      } catch {
        if (!stopped) setFailing(true);
      }
      if (!stopped) timer = setTimeout(poll, intervalMs);
    };
    timer = setTimeout(poll, intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [open, initial.id, load, intervalMs, apply]);

  return { order, failing, apply };
}
