"use client";
import CssBaseline from "@mui/material/CssBaseline";
import { ThemeProvider } from "@mui/material/styles";
import type { ReactNode } from "react";
import type { PublicConfig } from "@/lib/public-config";
import { theme } from "@/theme";
import { PublicConfigProvider } from "./PublicConfigContext";
import { ToastProvider } from "./Toasts";

/** Everything client components share: theme, runtime config, toasts (Redux: only around checkout). */
export function AppProviders({ config, children }: { config: PublicConfig; children: ReactNode }) {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <PublicConfigProvider value={config}>
        <ToastProvider>{children}</ToastProvider>
      </PublicConfigProvider>
    </ThemeProvider>
  );
}
