// Issue 17: axe on the states this issue added or changed, in jsdom (ARIA, names, roles,
// labels; colour contrast needs a real browser and is checked by e2e/ux.e2e.mjs).
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { Header } from "@/components/app/Header";
import { OfflineNotice } from "@/components/app/OfflineNotice";
import { SignUpForm } from "@/components/auth/SignUpForm";
import type { OrderPageApi } from "@/components/checkout/checkout-api";
import { ListingRow } from "@/components/events/ListingRow";
import { SearchResults } from "@/components/events/SearchResults";
import { OrdersList } from "@/components/orders/OrdersList";
import { OrderView } from "@/components/orders/OrderView";
import { PasswordForm } from "@/components/settings/PasswordForm";
import { ProfileForm } from "@/components/settings/ProfileForm";
import type { Order, Ticket, User } from "@/lib/api-types";
import { renderApp } from "../support/render";

async function violations(container: Element): Promise<string[]> {
  const result = await axe.run(container, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    rules: {
      "color-contrast": { enabled: false }, // jsdom does not lay out or paint
      region: { enabled: false }, // a component alone has no landmarks around it
      "landmark-one-main": { enabled: false },
      "page-has-heading-one": { enabled: false },
    },
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

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

const order = (overrides: Partial<Order> = {}): Order => ({
  id: "order-1",
  status: "cancelled",
  endReason: "expired",
  refundedAt: null,
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  userId: "buyer",
  ticket: { id: "ticket-1", title: "Jazz night", price: "20.00", currency: "USD" },
  version: 1,
  createdAt: new Date().toISOString(),
  ...overrides,
});

const api: OrderPageApi = {
  getOrder: async () => ({ order: order() }),
  cancelOrder: async () => ({ order: order() }),
  createPaypalOrder: async () => ({ id: "PAYPAL-1" }),
  capturePaypalOrder: async () => {
    throw new Error("not here");
  },
};

test("header signed out and signed in", async () => {
  const out = renderApp(<Header user={null} authUnavailable={false} />);
  expect(await violations(out.container)).toEqual([]);
  out.unmount();
  const signedIn = renderApp(<Header user={{ ...user, photoUrl: null }} authUnavailable={false} />);
  expect(await violations(signedIn.container)).toEqual([]);
});

test("sign-up with the strength meter and errors; change password; profile with the photo label", async () => {
  const u = userEvent.setup();
  const signUp = renderApp(<SignUpForm request={async () => ({ user })} />);
  await u.type(screen.getByLabelText(/^Password/), "password");
  await screen.findByText(/Password strength: Too weak/);
  await u.click(screen.getByRole("button", { name: "Create account" }));
  expect(await violations(signUp.container)).toEqual([]);
  signUp.unmount();

  const password = renderApp(<PasswordForm request={async () => ({ user })} />);
  await u.type(screen.getByLabelText(/^New password/), "qwerty123");
  await screen.findByText(/Password strength/);
  expect(await violations(password.container)).toEqual([]);
  password.unmount();

  const profile = renderApp(<ProfileForm user={user} request={async () => ({ user })} />);
  expect(await violations(profile.container)).toEqual([]);
});

test("ended orders, My orders with reasons, a listing with its seller, search pending, offline", async () => {
  for (const o of [
    order(),
    order({ endReason: "cancelled_by_buyer" }),
    order({ endReason: "event_started" }),
    order({ refundedAt: "2030-01-01T00:00:00Z" }),
  ]) {
    const view = renderApp(<OrderView initialOrder={o} api={api} />);
    expect(await violations(view.container)).toEqual([]);
    view.unmount();
  }
  const list = renderApp(
    <OrdersList initialOrders={[order(), order({ id: "o2", status: "complete", endReason: null })]} />,
  );
  expect(await violations(list.container)).toEqual([]);
  list.unmount();

  const listing = renderApp(
    <ul>
      <ListingRow
        ticket={
          {
            id: "t1",
            price: "50.00",
            currency: "EUR",
            section: null,
            row: null,
            seat: null,
            faceValue: null,
            userId: "s",
          } as unknown as Ticket
        }
        own={false}
        seller={{
          id: "s",
          name: "Sam",
          photoUrl: null,
          verified: true,
          memberSince: "2025-01-01T00:00:00Z",
          ticketsSold: 3,
        }}
      />
    </ul>,
  );
  expect(await violations(listing.container)).toEqual([]);
  listing.unmount();

  const results = renderApp(
    <SearchResults>
      <p>3 events</p>
    </SearchResults>,
  );
  expect(await violations(results.container)).toEqual([]);
  results.unmount();

  Object.defineProperty(window.navigator, "onLine", { configurable: true, get: () => false });
  const offline = renderApp(<OfflineNotice />);
  act(() => {
    window.dispatchEvent(new Event("offline"));
  });
  await screen.findByTestId("offline-banner");
  expect(await violations(offline.container)).toEqual([]);
  Object.defineProperty(window.navigator, "onLine", { configurable: true, get: () => true });
});
