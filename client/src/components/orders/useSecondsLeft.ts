"use client";
import { useEffect, useState } from "react";

const secondsUntil = (deadline: number) => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));

/**
 * Whole seconds until `expiresAt`, ticking every second and stopping at 0 (never
 * negative). `null` until mounted: the server's clock must not be rendered into the
 * page, or hydration would disagree with the browser's.
 */
export function useSecondsLeft(expiresAt: string): number | null {
  const deadline = Date.parse(expiresAt);
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (Number.isNaN(deadline)) {
      setLeft(0);
      return;
    }
    const first = secondsUntil(deadline);
    setLeft(first);
    if (first === 0) return;
    const timer = setInterval(() => {
      const next = secondsUntil(deadline);
      setLeft(next);
      if (next === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return left;
}
