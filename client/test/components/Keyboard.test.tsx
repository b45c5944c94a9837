// Issue 17 item 6: a visible focus ring with enough contrast, focus on the main heading after a
// route change and after cancelling an order, and no role="button" on the photo label.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PathnameContext } from "next/dist/shared/lib/hooks-client-context.shared-runtime";
import { useState } from "react";
import { RouteFocus } from "@/components/app/RouteFocus";
import type { OrderPageApi } from "@/components/checkout/checkout-api";
import { AVATAR_COLOURS } from "@/components/common/UserAvatar";
import { OrderView } from "@/components/orders/OrderView";
import { ProfileForm } from "@/components/settings/ProfileForm";
import type { Order, User } from "@/lib/api-types";
import { FOCUS_RING, theme } from "@/theme";
import { renderApp } from "../support/render";

/** WCAG relative luminance contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

test("the focus ring is drawn for every MUI control and has at least 3:1 contrast where it is drawn", () => {
  const css = readFileSync(join(__dirname, "../../src/app/globals.css"), "utf8");
  expect(css).toMatch(/:focus-visible\s*{\s*outline: 3px solid var\(--focus-ring\)/);
  const base = theme.components?.MuiButtonBase?.styleOverrides?.root as Record<string, { outline: string }>;
  expect(base["&.Mui-focusVisible"]?.outline).toContain("3px solid");
  const page = theme.palette.background.default;
  expect(contrast(FOCUS_RING, page)).toBeGreaterThanOrEqual(3);
  expect(contrast(FOCUS_RING, "#ffffff")).toBeGreaterThanOrEqual(3);
  // In the header the ring is white on the primary colour.
  expect(contrast("#ffffff", theme.palette.primary.main)).toBeGreaterThanOrEqual(3);
});

test("no avatar colour is the header's colour (issue 17 item 8), and white initials stay readable", () => {
  for (const colour of AVATAR_COLOURS) {
    expect(colour.toLowerCase()).not.toBe(theme.palette.primary.main.toLowerCase());
    expect(contrast("#ffffff", colour)).toBeGreaterThanOrEqual(4.5);
  }
});

test("after moving to another page, focus goes to its main heading (once it has rendered)", async () => {
  let go: (path: string, heading: string | null) => void = () => {};
  function App() {
    const [state, setState] = useState({ path: "/", heading: "Tickets" as string | null });
    go = (path, heading) => setState({ path, heading });
    return (
      <PathnameContext.Provider value={state.path}>
        <RouteFocus />
        <button type="button">Browse</button>
        <main>{state.heading ? <h1>{state.heading}</h1> : <p>Loading…</p>}</main>
      </PathnameContext.Provider>
    );
  }
  renderApp(<App />);
  const link = screen.getByRole("button", { name: "Browse" });
  link.focus();
  // First load: focus is left where the browser put it.
  expect(document.activeElement).toBe(link);

  // The new route streams: loading first, then its heading.
  act(() => go("/orders", null));
  expect(document.activeElement).toBe(link);
  act(() => go("/orders", "My orders"));
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("heading", { name: "My orders" })));

  act(() => go("/settings", "Settings"));
  expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Settings" }));
});

test("after cancelling an order, focus goes to the page's heading, not <body>", async () => {
  const u = userEvent.setup();
  const order: Order = {
    id: "order-1",
    status: "created",
    endReason: null,
    refundedAt: null,
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    userId: "buyer",
    ticket: { id: "ticket-1", title: "Jazz night", price: "20.00", currency: "USD" },
    version: 0,
    createdAt: new Date().toISOString(),
  };
  const api: OrderPageApi = {
    getOrder: async () => ({ order }),
    cancelOrder: async () => ({
      order: { ...order, status: "cancelled", endReason: "cancelled_by_buyer", version: 1 },
    }),
    createPaypalOrder: async () => ({ id: "PAYPAL-1" }),
    capturePaypalOrder: async () => {
      throw new Error("not in this test");
    },
  };
  renderApp(
    <main>
      <h1>Your order</h1>
      <OrderView initialOrder={order} api={api} />
    </main>,
  );
  await u.click(screen.getByRole("button", { name: "Cancel order" }));
  expect(await screen.findByText("You cancelled this order")).toBeInTheDocument();
  expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Your order" }));
});

test("the 'Add a photo' label is a plain label of the file input (axe aria-allowed-role)", () => {
  const user: User = {
    id: "u1",
    name: "Ann Lee",
    email: "ann@example.com",
    photoUrl: null,
    jobTitle: null,
    phone: null,
    emailVerified: true,
    createdAt: "2030-01-01T00:00:00Z",
  };
  renderApp(<ProfileForm user={user} request={async () => ({ user })} />);
  const label = screen.getByText("Add a photo").closest("label");
  expect(label).not.toBeNull();
  expect(label).not.toHaveAttribute("role");
  expect(label).not.toHaveAttribute("tabindex");
  expect(screen.getByLabelText("Add a photo")).toHaveAttribute("type", "file");
});
