import { act, screen } from "@testing-library/react";
import type { OrderPageApi } from "@/components/checkout/checkout-api";
import { Countdown } from "@/components/orders/Countdown";
import { OrderView } from "@/components/orders/OrderView";
import { useSecondsLeft } from "@/components/orders/useSecondsLeft";
import type { Order } from "@/lib/api-types";
import { renderApp } from "../support/render";

const START = Date.parse("2030-03-01T10:00:00Z");

function Timer({ expiresAt }: { expiresAt: string }) {
  return <Countdown secondsLeft={useSecondsLeft(expiresAt)} totalSeconds={900} />;
}

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: "order-1",
    status: "created",
    endReason: null,
    refundedAt: null,
    expiresAt: new Date(START + 3000).toISOString(),
    userId: "buyer",
    ticket: { id: "ticket-1", title: "Jazz night", price: "20.00", currency: "USD" },
    version: 0,
    createdAt: new Date(START - 897_000).toISOString(),
    ...overrides,
  };
}

beforeEach(() => {
  jest.useFakeTimers({ now: START });
});

afterEach(() => {
  jest.useRealTimers();
});

test("counts down every second and stops at 0:00, never below", () => {
  renderApp(<Timer expiresAt={new Date(START + 65_000).toISOString()} />);
  expect(screen.getByRole("timer")).toHaveTextContent("1:05");
  act(() => jest.advanceTimersByTime(1000));
  expect(screen.getByRole("timer")).toHaveTextContent("1:04");
  act(() => jest.advanceTimersByTime(60_000));
  expect(screen.getByRole("timer")).toHaveTextContent("0:04");
  act(() => jest.advanceTimersByTime(4000));
  expect(screen.getByRole("timer")).toHaveTextContent("0:00");
  act(() => jest.advanceTimersByTime(30_000));
  expect(screen.getByRole("timer")).toHaveTextContent("0:00");
});

test("an order that expired before the page opened shows 0:00, not a negative time", () => {
  renderApp(<Timer expiresAt={new Date(START - 90_000).toISOString()} />);
  expect(screen.getByRole("timer")).toHaveTextContent("0:00");
});

/** The orders service as the page polls it: answers `server.order`, which a test changes. */
function ordersService(initial: Order) {
  const server = { order: initial, reads: 0 };
  const api: OrderPageApi = {
    getOrder: async () => {
      server.reads += 1;
      return { order: server.order };
    },
    cancelOrder: async () => ({ order: server.order }),
    createPaypalOrder: async () => ({ id: "PAYPAL-1" }),
    capturePaypalOrder: async () => {
      throw new Error("not in these tests");
    },
  };
  return { server, api };
}

function renderOrder(initial: Order) {
  const { server, api } = ordersService(initial);
  renderApp(<OrderView initialOrder={initial} api={api} />);
  return server;
}

/** Lets time pass on the fake clock, including the page's polls and their answers. */
async function wait(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

test("when the time runs out the order page says so, hides checkout and offers a way back", async () => {
  const server = renderOrder(order());
  expect(screen.getByRole("timer")).toHaveTextContent("0:03");
  expect(screen.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Cancel order" })).toBeInTheDocument();

  await wait(3000);

  expect(screen.getByText("This order has expired")).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Back to the ticket" })).toHaveAttribute("href", "/tickets/ticket-1");
  expect(screen.queryByRole("timer")).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: /Pay with PayPal/ })).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Cancel order" })).not.toBeInTheDocument();

  // The orders service then cancels it; the next poll brings that, and polling stops.
  server.order = order({ status: "cancelled", version: 1 });
  await wait(2000);
  expect(screen.getByText("This order has expired")).toBeInTheDocument();
  expect(screen.getByTestId("order-status")).toHaveTextContent("Expired");
  expect(screen.getByText(/the ticket was released/)).toBeInTheDocument();
  const reads = server.reads;
  await wait(10_000);
  expect(server.reads).toBe(reads);
});

test("a cancellation by the services just before this page's clock reaches zero is the expiry", async () => {
  const server = renderOrder(order());
  server.order = order({ status: "cancelled", version: 1 });
  await wait(2000); // the first poll: the page's own clock still shows 0:01
  expect(screen.getByText("This order has expired")).toBeInTheDocument();
  expect(screen.getByTestId("order-status")).toHaveTextContent("Expired");
});

test("final states need no countdown", async () => {
  const { server, api } = ordersService(order({ status: "complete" }));
  const paid = renderApp(<OrderView initialOrder={server.order} api={api} />);
  expect(screen.getByText("Payment complete")).toBeInTheDocument();
  expect(screen.queryByRole("timer")).not.toBeInTheDocument();
  paid.unmount();

  renderOrder(order({ status: "cancelled", expiresAt: new Date(START + 600_000).toISOString() }));
  expect(screen.getByText("This order was cancelled")).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Cancel order" })).not.toBeInTheDocument();
});
