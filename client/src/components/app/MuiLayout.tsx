// The layout of every page built with MUI components (each folder's layout.tsx but the home
// page's): MUI's theme and emotion's style cache for server rendering. One layout per top-level
// folder, not a route group around them all: the home page prefetches its links' routes down to
// the root loading.tsx, so code in these layouts (below it) is not fetched with the home page.
import { AppRouterCacheProvider } from "@mui/material-nextjs/v16-appRouter";
import type { ReactNode } from "react";
import { publicConfig } from "@/lib/config";
import { MuiProviders } from "./MuiProviders";

export function MuiLayout({ children }: { children: ReactNode }) {
  return (
    <AppRouterCacheProvider options={{ key: "css" }}>
      <MuiProviders config={publicConfig()}>{children}</MuiProviders>
    </AppRouterCacheProvider>
  );
}
