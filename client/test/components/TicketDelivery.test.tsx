// What a buyer sees of the ticket they paid for: My tickets, the order page's complete
// state, the ticket page, and My orders' event line.
import { screen, within } from "@testing-library/react";
import type { OrderPageApi } from "@/components/checkout/checkout-api";
import { OrdersList } from "@/components/orders/OrdersList";
import { OrderView } from "@/components/orders/OrderView";
import { PurchasedTickets } from "@/components/tickets/PurchasedTickets";
import { TicketActions } from "@/components/tickets/TicketActions";
import type { Order, PurchasedTicket, Ticket } from "@/lib/api-types";
import { renderApp } from "../support/render";

const NOW = Date.parse("2031-06-01T12:00:00Z");

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: "t-1",
    eventId: "e-1",
    title: "Fireworks Gala",
    price: "80.00",
    faceValue: "80.00",
    currency: "USD",
    fees: { price: "80.00", buyerFee: "8.00", total: "88.00", sellerFee: "4.00", sellerReceives: "76.00" },
    section: "B",
    row: "3",
    seat: "12",
    description: null,
    eventDate: "2031-07-04T23:30:00Z",
    timeZone: "America/New_York",
    venue: "Brooklyn Bridge Park",
    userId: "seller",
    sellerName: "Sam Seller",
    status: "sold",
    listed: true,
    version: 2,
    createdAt: "2031-01-01T00:00:00Z",
    ...overrides,
  };
}
const bought = (overrides: Partial<Ticket> = {}, orderId = "o-1"): PurchasedTicket => ({
  ...ticket(overrides),
  orderId,
});

const order = (overrides: Partial<Order> = {}): Order => ({
  id: "o-1",
  status: "complete",
  endReason: null,
  refundedAt: null,
  expiresAt: "2031-06-01T12:15:00Z",
  userId: "buyer",
  ticket: { id: "t-1", title: "Fireworks Gala", price: "80.00", currency: "USD" },
  version: 1,
  createdAt: "2031-06-01T12:00:00Z",
  ...overrides,
});

const downloads = (scope: HTMLElement) => ({
  original: within(scope).getByRole("link", { name: /^Original ticket for/ }),
  eticket: within(scope).getByRole("link", { name: /^E-ticket \(PDF\) for/ }),
});

test("My tickets: upcoming first (soonest first) with downloads and a calendar entry, past ones below", () => {
  renderApp(
    <PurchasedTickets
      now={NOW}
      tickets={[
        bought({ id: "past", title: "Last winter", eventDate: "2031-01-10T20:00:00Z" }, "o-past"),
        bought({ id: "soon", title: "Next week", eventDate: "2031-06-08T20:00:00Z" }, "o-soon"),
        bought({ id: "later", title: "Autumn", eventDate: "2031-10-01T20:00:00Z" }, "o-later"),
      ]}
    />,
  );
  const upcoming = screen.getByRole("region", { name: "Upcoming" });
  const rows = within(upcoming).getAllByTestId("purchased-ticket");
  expect(rows.map((r) => within(r).getAllByRole("link")[0]?.textContent)).toEqual(["Next week", "Autumn"]);
  const first = rows[0]!;
  expect(downloads(first).original).toHaveAttribute("href", "/api/tickets/soon/file");
  expect(downloads(first).eticket).toHaveAttribute("href", "/api/tickets/soon/eticket.pdf");
  const calendar = within(first).getByRole("link", { name: "Add to calendar: Next week" });
  expect(calendar).toHaveAttribute("download", "Next week.ics");
  expect(decodeURIComponent(calendar.getAttribute("href")!)).toContain("DTSTART:20310608T200000Z");
  expect(within(first).getByTestId("ticket-facts")).toHaveTextContent("Order numbero-soon");

  const past = screen.getByRole("region", { name: "Past events" });
  const pastRow = within(past).getByTestId("purchased-ticket");
  expect(pastRow).toHaveTextContent("Last winter");
  expect(downloads(pastRow).original).toHaveAttribute("href", "/api/tickets/past/file");
  expect(within(pastRow).queryByRole("link", { name: /calendar/ })).not.toBeInTheDocument();
});

test("My tickets without any purchase says so", () => {
  renderApp(<PurchasedTickets now={NOW} tickets={[]} />);
  expect(screen.getByRole("heading", { name: "No tickets yet" })).toBeInTheDocument();
});

const quietApi: OrderPageApi = {
  getOrder: async () => ({ order: order() }),
  cancelOrder: async () => ({ order: order() }),
  createPaypalOrder: async () => ({ id: "PAYPAL-1" }),
  capturePaypalOrder: async () => {
    throw new Error("not in these tests");
  },
};

test("the order page's complete state: the ticket, order number, event date in its zone, venue, seller, downloads", () => {
  renderApp(<OrderView initialOrder={order()} ticket={ticket()} api={quietApi} />);
  expect(screen.getByText("Payment complete")).toBeInTheDocument();
  const facts = screen.getByTestId("ticket-facts");
  expect(facts).toHaveTextContent("Order numbero-1");
  expect(facts).toHaveTextContent(/WhenFri 4 Jul 2031, 19:30 /); // New York time, not UTC's 23:30
  expect(facts).toHaveTextContent("WhereBrooklyn Bridge Park");
  expect(facts).toHaveTextContent("SeatSection B · Row 3 · Seat 12");
  expect(facts).toHaveTextContent("SellerSam Seller");
  const links = downloads(screen.getByTestId("ticket-downloads"));
  expect(links.original).toHaveAttribute("href", "/api/tickets/t-1/file");
  expect(links.eticket).toHaveAttribute("href", "/api/tickets/t-1/eticket.pdf");
  expect(screen.getByRole("link", { name: "My tickets" })).toHaveAttribute("href", "/tickets/purchased");
});

test("an unpaid order shows the facts but no downloads", () => {
  renderApp(
    <OrderView initialOrder={order({ status: "cancelled", endReason: "expired" })} ticket={ticket()} api={quietApi} />,
  );
  expect(screen.getByTestId("ticket-facts")).toHaveTextContent("Order numbero-1");
  expect(screen.queryByTestId("ticket-downloads")).not.toBeInTheDocument();
});

test("the ticket page tells its buyer they bought it (with the downloads), and others that it is sold", () => {
  const mine = renderApp(<TicketActions ticket={ticket()} viewer="buyer" purchase={{ orderId: "o-1" }} />);
  expect(screen.getByText("You bought this ticket")).toBeInTheDocument();
  expect(screen.queryByText(/has been sold/)).not.toBeInTheDocument();
  expect(screen.getByRole("link", { name: "o-1" })).toHaveAttribute("href", "/orders/o-1");
  expect(downloads(screen.getByTestId("you-bought-it")).eticket).toHaveAttribute(
    "href",
    "/api/tickets/t-1/eticket.pdf",
  );
  mine.unmount();
  renderApp(<TicketActions ticket={ticket()} viewer="buyer" />);
  expect(screen.getByText("This ticket has been sold.")).toBeInTheDocument();
  expect(screen.queryByText("You bought this ticket")).not.toBeInTheDocument();
});

test("My orders: each row names the event's date (in its zone) and venue, and the order number", () => {
  renderApp(
    <OrdersList
      initialOrders={[order(), order({ id: "o-2", ticket: { ...order().ticket, id: "gone" } })]}
      tickets={{ "t-1": ticket() }}
    />,
  );
  const [withEvent, without] = screen.getAllByTestId("order-event");
  expect(withEvent).toHaveTextContent(/^Fri 4 Jul 2031, 19:30 \S+ · Brooklyn Bridge Park · Order number o-1$/);
  expect(without).toHaveTextContent(/^Order number o-2$/);
});
