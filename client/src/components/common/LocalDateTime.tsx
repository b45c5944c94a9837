"use client";
import { useEffect, useState } from "react";
import { formatDateTime } from "@/lib/format";

/**
 * A date in the viewer's time zone. The server does not know that zone, so the first
 * render (server and hydration) shows UTC and the browser switches to local time.
 */
export function LocalDateTime({ iso }: { iso: string }) {
  const [local, setLocal] = useState(false);
  useEffect(() => setLocal(true), []);
  return <time dateTime={iso}>{local ? formatDateTime(iso) : `${formatDateTime(iso, "UTC")} UTC`}</time>;
}
