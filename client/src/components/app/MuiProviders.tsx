"use client";
import { ThemeProvider } from "@mui/material/styles";
import type { ReactNode } from "react";
import type { PublicConfig } from "@/lib/public-config";
import { theme } from "@/theme";
import { PublicConfigProvider } from "./PublicConfigContext";

/**
 * What the pages built with MUI share: the theme and the runtime config ((mui)/layout.tsx).
 * The base styles MUI's CssBaseline gave are in globals.css, for every page.
 */
export function MuiProviders({ config, children }: { config: PublicConfig; children: ReactNode }) {
  return (
    <ThemeProvider theme={theme}>
      <PublicConfigProvider value={config}>{children}</PublicConfigProvider>
    </ThemeProvider>
  );
}
