// The frame of every page: header with the signed-in user, main content, footer.
// No web font: the system's own (theme.tsx), so nothing swaps in late and moves the page.
import "./globals.css";
import Box from "@mui/material/Box";
import Container from "@mui/material/Container";
import Typography from "@mui/material/Typography";
import { AppRouterCacheProvider } from "@mui/material-nextjs/v16-appRouter";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/app/AppProviders";
import { Header } from "@/components/app/Header";
import { OfflineNotice } from "@/components/app/OfflineNotice";
import { RouteFocus } from "@/components/app/RouteFocus";
import { publicConfig } from "@/lib/config";
import { session } from "@/lib/server-api";

export const metadata: Metadata = {
  title: { default: "Ticketing — resell and buy event tickets", template: "%s · Ticketing" },
  description: "A marketplace where fans resell event tickets they cannot use, at a fair price.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1a56b0" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { user, unavailable } = await session();
  return (
    <html lang="en">
      <body>
        <AppRouterCacheProvider options={{ key: "css" }}>
          <AppProviders config={publicConfig()}>
            <a className="skip-link" href="#main">
              Skip to content
            </a>
            <Header user={user} authUnavailable={unavailable} />
            <OfflineNotice />
            <RouteFocus />
            <Container
              component="main"
              id="main"
              tabIndex={-1}
              maxWidth="lg"
              sx={{ py: { xs: 2, sm: 4 }, minHeight: "70vh" }}
            >
              {children}
            </Container>
            <Box component="footer" sx={{ py: 3, textAlign: "center", color: "text.secondary" }}>
              <Typography variant="body2">Ticketing — fan-to-fan ticket resale. Payments by PayPal.</Typography>
            </Box>
          </AppProviders>
        </AppRouterCacheProvider>
      </body>
    </html>
  );
}
