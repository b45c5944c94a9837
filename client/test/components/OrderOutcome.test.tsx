// Issue 17 item 3: an order that ended says why (the API's endReason), after a reload and in
// My orders, instead of "cancelled or not paid in time" for everything.
import { screen, within } from "@testing-library/react";
import type { OrderPageApi } from "@/components/checkout/checkout-api";
import { OrdersList } from "@/components/orders/OrdersList";
import { OrderView } from "@/components/orders/OrderView";
import type { Order } from "@/lib/api-types";
import { renderApp } from "../support/render";

const LATER = new Date(Date.now() + 3_600_000).toISOString();

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: "order-1",
    status: "cancelled",
    endReason: null,
    refundedAt: null,
    expiresAt: LATER,
    userId: "buyer",
    ticket: { id: "ticket-1", title: "Jazz night", price: "20.00", currency: "USD" },
    version: 1,
    createdAt: new Date(Date.now() - 600_000).toISOString(),
    ...overrides,
  };
}

const api: OrderPageApi = {
  getOrder: async () => {
    throw new Error("a final order is not polled");
  },
  cancelOrder: async () => {
    throw new Error("not in these tests");
  },
  createPaypalOrder: async () => ({ id: "PAYPAL-1" }),
  capturePaypalOrder: async () => {
    throw new Error("not in these tests");
  },
};

const view = (o: Order) => renderApp(<OrderView initialOrder={o} api={api} />);

test("an expired order, opened later, says it expired (not 'cancelled')", () => {
  view(order({ endReason: "expired" }));
  expect(screen.getByText("This order has expired")).toBeInTheDocument();
  expect(screen.getByTestId("order-status")).toHaveTextContent("Expired");
  expect(screen.queryByText(/cancelled or not paid in time/)).not.toBeInTheDocument();
});

test("an order the buyer cancelled says so", () => {
  view(order({ endReason: "cancelled_by_buyer" }));
  expect(screen.getByText("You cancelled this order")).toBeInTheDocument();
  expect(screen.getByTestId("order-status")).toHaveTextContent("Cancelled");
});

test("an order whose event started unpaid says so, and that nothing was charged", () => {
  view(order({ endReason: "event_started" }));
  expect(screen.getByText("The event started before this order was paid")).toBeInTheDocument();
  expect(screen.getByText(/You were not charged/)).toBeInTheDocument();
  expect(screen.getByTestId("order-status")).toHaveTextContent("Event started");
});

test("an order whose listing the seller withdrew before payment says so, and that nothing was charged", () => {
  view(order({ endReason: "listing_withdrawn" }));
  expect(screen.getByText("The seller withdrew this ticket")).toBeInTheDocument();
  expect(screen.getByText(/You were not\s+charged/)).toBeInTheDocument();
  expect(screen.getByTestId("order-status")).toHaveTextContent("Listing withdrawn");
});

test("a late payment on an order whose listing was withdrawn shows the refund first", () => {
  view(order({ endReason: "listing_withdrawn", refundedAt: "2030-03-01T10:05:00.000Z" }));
  expect(screen.getByText("This order ended before your payment arrived")).toBeInTheDocument();
  expect(screen.getByTestId("order-status")).toHaveTextContent("Listing withdrawn");
});

test("a late payment that was refunded is shown with the refund's date", () => {
  view(order({ endReason: "expired", refundedAt: "2030-03-01T10:05:00.000Z" }));
  expect(screen.getByText("This order ended before your payment arrived")).toBeInTheDocument();
  expect(screen.getByText(/was refunded to your PayPal account on/)).toBeInTheDocument();
  expect(screen.getByTestId("order-status")).toHaveTextContent("Expired");
});

test("My orders gives each ended order its reason", () => {
  renderApp(
    <OrdersList
      initialOrders={[
        order({ id: "a", endReason: "expired" }),
        order({ id: "b", endReason: "cancelled_by_buyer" }),
        order({ id: "c", endReason: "event_started" }),
        order({ id: "d", endReason: "expired", refundedAt: "2030-03-01T10:05:00.000Z" }),
        order({ id: "e", status: "complete" }),
        order({ id: "f", endReason: "listing_withdrawn" }),
      ]}
    />,
  );
  const rows = screen.getAllByTestId("order-row") as [
    HTMLElement,
    HTMLElement,
    HTMLElement,
    HTMLElement,
    HTMLElement,
    HTMLElement,
  ];
  expect(within(rows[0]).getByText("Expired")).toBeInTheDocument();
  expect(within(rows[0]).getByTestId("end-reason")).toHaveTextContent("Not paid in time");
  expect(within(rows[1]).getByText("Cancelled")).toBeInTheDocument();
  expect(within(rows[1]).getByTestId("end-reason")).toHaveTextContent("Cancelled by you");
  expect(within(rows[2]).getByText("Event started")).toBeInTheDocument();
  expect(within(rows[3]).getByTestId("end-reason")).toHaveTextContent("your late payment was refunded");
  expect(within(rows[4]).getByText("Paid")).toBeInTheDocument();
  expect(within(rows[4]).queryByTestId("end-reason")).not.toBeInTheDocument();
  expect(within(rows[5]).getByText("Listing withdrawn")).toBeInTheDocument();
  expect(within(rows[5]).getByTestId("end-reason")).toHaveTextContent("The seller withdrew the ticket before payment");
});
