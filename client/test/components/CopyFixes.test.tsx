// Issue 17 item 8: small copy and behaviour fixes.
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Header } from "@/components/app/Header";
import { OFFLINE_MESSAGE, OfflineNotice } from "@/components/app/OfflineNotice";
import { ListingRow } from "@/components/events/ListingRow";
import { ReservedNotice } from "@/components/tickets/ReservedNotice";
import type { Order, Ticket, User } from "@/lib/api-types";
import { renderApp } from "../support/render";

const order = (ticketId: string, status: Order["status"]): Order => ({
  id: `order-${ticketId}-${status}`,
  status,
  endReason: null,
  refundedAt: null,
  expiresAt: "2031-01-01T00:15:00Z",
  userId: "buyer",
  ticket: { id: ticketId, title: "Cup final", price: "80.00", currency: "USD" },
  version: 0,
  createdAt: "2031-01-01T00:00:00Z",
});

describe("the reserved-ticket notice", () => {
  test("tells the buyer who holds the reservation to finish paying, with a link to their order", async () => {
    renderApp(
      <ReservedNotice
        ticketId="t-1"
        signedIn
        request={async () => ({ orders: [order("t-2", "created"), order("t-1", "created")] })}
      />,
    );
    const link = await screen.findByRole("link", { name: "Finish paying for your order" });
    expect(link).toHaveAttribute("href", "/orders/order-t-1-created");
    expect(screen.getByText(/You reserved this ticket/)).toBeInTheDocument();
  });

  test("tells any other buyer only that someone is buying it", async () => {
    let asked = 0;
    renderApp(
      <ReservedNotice
        ticketId="t-1"
        signedIn
        request={async () => {
          asked += 1;
          return { orders: [order("t-1", "cancelled"), order("t-9", "created")] };
        }}
      />,
    );
    expect(screen.getByText(/Someone is buying this ticket right now/)).toBeInTheDocument();
    await screen.findByText(/Someone is buying/);
    expect(asked).toBe(1);
    expect(screen.queryByText(/If that is you|You reserved/)).not.toBeInTheDocument();
    expect(screen.queryByRole("link")).not.toBeInTheDocument();
  });

  test("asks nothing for a visitor who is not signed in", () => {
    renderApp(
      <ReservedNotice
        ticketId="t-1"
        signedIn={false}
        request={async () => {
          throw new Error("must not be called");
        }}
      />,
    );
    expect(screen.getByText(/Someone is buying this ticket right now/)).toBeInTheDocument();
  });
});

const ticket = {
  id: "t-1",
  price: "50.00",
  currency: "EUR",
  section: "B",
  row: "3",
  seat: null,
  faceValue: "45.00",
  userId: "seller-1",
} as unknown as Ticket;

describe("your own listings on an event's page", () => {
  test("are marked 'Your listing'; others' are not", () => {
    const own = renderApp(
      <ul>
        <ListingRow ticket={ticket} own />
      </ul>,
    );
    expect(screen.getByTestId("own-listing")).toHaveTextContent("Your listing");
    own.unmount();
    renderApp(
      <ul>
        <ListingRow ticket={ticket} own={false} />
      </ul>,
    );
    expect(screen.queryByTestId("own-listing")).not.toBeInTheDocument();
    expect(screen.getByText(/Section B · Row 3 · face value/)).toBeInTheDocument();
  });
});

test("a listing shows its seller: name, verified e-mail, member since, tickets sold (trust signals)", () => {
  renderApp(
    <ul>
      <ListingRow
        ticket={{ ...ticket, userId: "seller-2" } as Ticket}
        own={false}
        seller={{
          id: "seller-2",
          name: "Ann Lee",
          photoUrl: null,
          verified: true,
          memberSince: "2025-03-01T10:00:00.000Z",
          ticketsSold: 2,
        }}
      />
    </ul>,
  );
  const seller = screen.getByTestId("seller");
  expect(seller).toHaveTextContent("Sold by Ann Lee");
  expect(seller).toHaveTextContent("Verified e-mail");
  expect(seller).toHaveTextContent("Member since Mar 2025 · 2 tickets sold");
});

describe("offline", () => {
  const setOnline = (online: boolean) => {
    Object.defineProperty(window.navigator, "onLine", { configurable: true, get: () => online });
    act(() => {
      window.dispatchEvent(new Event(online ? "online" : "offline"));
    });
  };
  afterEach(() => setOnline(true));

  test("a click on one of the site's links stays in the app with a message instead of leaving for the browser's error page", async () => {
    const u = userEvent.setup();
    const navigated: string[] = [];
    renderApp(
      <>
        <OfflineNotice />
        {/* Stands for Next's Link: it would start a navigation unless the click was prevented. */}
        <a
          href="/orders"
          onClick={(e) => {
            if (!e.defaultPrevented) navigated.push("/orders");
            e.preventDefault();
          }}
        >
          My orders
        </a>
      </>,
    );
    expect(screen.queryByTestId("offline-banner")).not.toBeInTheDocument();
    setOnline(false);
    expect(await screen.findByTestId("offline-banner")).toHaveTextContent("You are offline");
    await u.click(screen.getByRole("link", { name: "My orders" }));
    expect(navigated).toEqual([]);
    expect(await screen.findByText(OFFLINE_MESSAGE)).toBeInTheDocument();

    setOnline(true);
    expect(screen.queryByTestId("offline-banner")).not.toBeInTheDocument();
    await u.click(screen.getByRole("link", { name: "My orders" }));
    expect(navigated).toEqual(["/orders"]);
  });
});

describe("header menus", () => {
  const user = {
    id: "u1",
    name: "Ann Lee",
    email: "ann@example.com",
    photoUrl: null,
    jobTitle: null,
    phone: null,
    emailVerified: true,
    createdAt: "2030-01-01T00:00:00Z",
  } as User;

  test("the account menu opens; signed out there is no empty navigation menu", async () => {
    const u = userEvent.setup();
    const signedIn = renderApp(<Header user={user} authUnavailable={false} />);
    await u.click(screen.getByTestId("account-menu"));
    expect(await screen.findByRole("menuitem", { name: "Settings" })).toBeInTheDocument();
    signedIn.unmount();

    renderApp(<Header user={null} authUnavailable={false} />);
    expect(screen.queryByRole("button", { name: "Open navigation menu" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Ticketing home" })).toHaveAttribute("href", "/");
    expect(screen.getByRole("link", { name: "Sign in" })).toBeInTheDocument();
  });
});
