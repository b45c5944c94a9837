"use client";
import CssBaseline from "@mui/material/CssBaseline";
import { ThemeProvider } from "@mui/material/styles";
import { type ReactNode, useState } from "react";
import { Provider } from "react-redux";
import type { PublicConfig } from "@/lib/public-config";
import { makeStore } from "@/store/store";
import { theme } from "@/theme";
import { PublicConfigProvider } from "./PublicConfigContext";
import { Toasts } from "./Toasts";

/** Everything client components share: theme, Redux store, runtime config, toasts. */
export function AppProviders({ config, children }: { config: PublicConfig; children: ReactNode }) {
  const [store] = useState(makeStore);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Provider store={store}>
        <PublicConfigProvider value={config}>
          {children}
          <Toasts />
        </PublicConfigProvider>
      </Provider>
    </ThemeProvider>
  );
}
