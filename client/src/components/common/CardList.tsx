import Box from "@mui/material/Box";
import Paper from "@mui/material/Paper";
import type { ReactNode } from "react";

/** A list of outlined cards, one `CardRow` an item (orders, listings, tickets, claims). */
export function CardList({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <Box component="ul" aria-label={label} sx={{ listStyle: "none", p: 0, m: 0, display: "grid", gap: 1.5 }}>
      {children}
    </Box>
  );
}

/** One item of a `CardList`: its parts side by side, wrapping on narrow screens. */
export function CardRow({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <Paper
      component="li"
      variant="outlined"
      data-testid={testId}
      sx={{ p: 2, display: "flex", flexWrap: "wrap", gap: 2, alignItems: "center" }}
    >
      {children}
    </Paper>
  );
}
