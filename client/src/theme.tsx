"use client";
// The look of the site. Status colours are darker than MUI's defaults so that text on
// white (outlined chips, alerts) passes WCAG AA contrast.
import { createTheme } from "@mui/material/styles";
import NextLink from "next/link";
import { forwardRef } from "react";

// MUI's Link and ButtonBase render Next's Link for internal navigation (prefetch, no reload).
const LinkBehaviour = forwardRef<HTMLAnchorElement, React.ComponentProps<typeof NextLink>>(
  function LinkBehaviour(props, ref) {
    return <NextLink ref={ref} {...props} />;
  },
);

/** Each platform's UI font (San Francisco, Segoe UI, Roboto on Android, Cantarell/DejaVu…). */
export const SYSTEM_FONTS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", sans-serif';

/** The keyboard focus ring: see globals.css (--focus-ring is white inside the header). */
export const FOCUS_RING = "#1a56b0";
const focusRing = { outline: `3px solid var(--focus-ring, ${FOCUS_RING})`, outlineOffset: 2 };

export const theme = createTheme({
  palette: {
    primary: { main: "#1a56b0" },
    secondary: { main: "#7b1fa2" },
    success: { main: "#1b6e20" },
    warning: { main: "#8f4c00" },
    info: { main: "#01579b" },
    error: { main: "#b3261e" },
    background: { default: "#f6f7fb" },
  },
  shape: { borderRadius: 10 },
  typography: {
    // The device's own font (issue 17 item 1): Roboto was a web font, and while it loaded the
    // fallback's wider metrics wrapped the phone header and moved the page (CLS 0.22–0.29).
    // A system font is there at first paint, so there is no swap and nothing to download.
    fontFamily: SYSTEM_FONTS,
    h1: { fontSize: "2rem", fontWeight: 700 },
    h2: { fontSize: "1.5rem", fontWeight: 600 },
    h3: { fontSize: "1.25rem", fontWeight: 600 },
  },
  components: {
    MuiLink: {
      defaultProps: { component: LinkBehaviour },
      styleOverrides: { root: { "&.Mui-focusVisible": focusRing } },
    },
    // Every button, menu item, chip and card action: a ring, not MUI's faint grey fill.
    MuiButtonBase: {
      defaultProps: { LinkComponent: LinkBehaviour },
      styleOverrides: { root: { "&.Mui-focusVisible": focusRing } },
    },
    // Inside the card (a Card clips what is drawn outside it).
    MuiCardActionArea: { styleOverrides: { root: { "&.Mui-focusVisible": { ...focusRing, outlineOffset: -3 } } } },
    MuiButton: { styleOverrides: { root: { textTransform: "none", fontWeight: 600 } } },
    MuiTextField: { defaultProps: { fullWidth: true } },
    // MUI's default role "alert" interrupts screen readers; only errors after an action need
    // that, and those set role="alert" themselves.
    MuiAlert: { defaultProps: { role: "status" } },
  },
});
