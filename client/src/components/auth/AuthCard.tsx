import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";

/** The narrow centred card the sign-in and sign-up forms sit in. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2.5, sm: 4 }, maxWidth: 460, mx: "auto", display: "grid", gap: 2 }}>
      <Typography variant="h1" component="h1" sx={{ fontSize: "1.75rem" }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}
