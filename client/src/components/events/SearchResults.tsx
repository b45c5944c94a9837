"use client";
import Box from "@mui/material/Box";
import LinearProgress from "@mui/material/LinearProgress";
import { useSearchParams } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";

/**
 * The results of /search while a new search runs (issue 17 item 2): a new query to the same
 * page keeps the old results on screen until the new ones arrive (a transition, so
 * loading.tsx does not show), so they are dimmed, marked busy and topped by a progress bar
 * with "Searching…" from the moment the search form is sent until the address changes.
 */
export function SearchResults({ children }: { children: ReactNode }) {
  const params = useSearchParams();
  const current = params.toString();
  const [pendingFor, setPendingFor] = useState<string | null>(null);

  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || form.getAttribute("role") !== "search") return;
      const query = new URLSearchParams();
      for (const [key, value] of new FormData(form)) if (typeof value === "string" && value) query.set(key, value);
      // Sending the same search again changes nothing on screen: nothing to wait for.
      if (query.toString() !== current) setPendingFor(current);
    };
    document.addEventListener("submit", onSubmit);
    return () => document.removeEventListener("submit", onSubmit);
  }, [current]);

  // The new results have arrived once the address is no longer the one being left.
  const pending = pendingFor !== null && pendingFor === current;
  useEffect(() => {
    if (pendingFor !== null && pendingFor !== current) setPendingFor(null);
  }, [current, pendingFor]);

  return (
    <Box aria-busy={pending} data-testid="search-results" data-stale={pending || undefined}>
      {pending ? (
        <Box role="status" sx={{ mb: 2 }}>
          <LinearProgress aria-label="Searching" />
          <Box component="span" sx={{ display: "block", mt: 1, color: "text.secondary" }}>
            Searching…
          </Box>
        </Box>
      ) : null}
      <Box
        sx={{ opacity: pending ? 0.45 : 1, transition: "opacity 150ms", pointerEvents: pending ? "none" : undefined }}
      >
        {children}
      </Box>
    </Box>
  );
}
