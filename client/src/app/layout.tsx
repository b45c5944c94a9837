// The frame of every page: header with the signed-in user, main content, footer. Server-rendered
// HTML and CSS (globals.css) with a few small client parts; MUI and its theme are loaded only by
// the pages that use them (each folder's layout.tsx: MuiLayout), so the home page carries no MUI
// or emotion code.
// No web font: the system's own, so nothing swaps in late and moves the page.
import "./globals.css";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Header } from "@/components/app/Header";
import { OfflineNotice } from "@/components/app/OfflineNotice";
import { RouteFocus } from "@/components/app/RouteFocus";
import { ToastProvider } from "@/components/app/Toasts";
import { WITHOUT_SCRIPT_CSS } from "@/components/app/without-script";
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
      <head>
        {/* Only for browsers that run no script: see without-script.ts. */}
        <noscript>
          <style>{WITHOUT_SCRIPT_CSS}</style>
        </noscript>
      </head>
      <body>
        <ToastProvider>
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          <Header user={user} authUnavailable={unavailable} />
          <OfflineNotice />
          <RouteFocus />
          <main id="main" tabIndex={-1} className="page-main">
            {children}
          </main>
          <footer className="site-footer">
            <p>Ticketing — fan-to-fan ticket resale. Payments by PayPal.</p>
          </footer>
        </ToastProvider>
      </body>
    </html>
  );
}
