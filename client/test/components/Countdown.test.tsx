import { act, screen } from "@testing-library/react";
import { Countdown } from "@/components/orders/Countdown";
import { OrderView } from "@/components/orders/OrderView";
import { useSecondsLeft } from "@/components/orders/useSecondsLeft";
import type { Order } from "@/lib/api-types";
import { ordersApi } from "@/store/orders-api";
import { renderApp } from "../support/render";

const START = Date.parse("2030-03-01T10:00:00Z");

function Timer({ expiresAt }: { expiresAt: string }) {
  return <Countdown secondsLeft={useSecondsLeft(expiresAt)} totalSeconds={900} />;
}

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: "order-1",
    status: "created",
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

/** Renders the order page and lets it put the server's order into its cache. */
async function renderOrder(initial: Order) {
  const view = renderApp(<OrderView initialOrder={initial} />);
  await act(async () => {});
  return view;
}

test("when the time runs out the order page says so, hides checkout and offers a way back", async () => {
  const { store } = await renderOrder(order());
  expect(screen.getByRole("timer")).toHaveTextContent("0:03");
  expect(screen.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Cancel order" })).toBeInTheDocument();

  act(() => jest.advanceTimersByTime(3000));

  expect(screen.getByText("This order has expired")).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Back to the ticket" })).toHaveAttribute("href", "/tickets/ticket-1");
  expect(screen.queryByRole("timer")).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: /Pay with PayPal/ })).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Cancel order" })).not.toBeInTheDocument();

  // The orders service then cancels it: the page keeps calling it expired.
  await act(async () => {
    await store.dispatch(
      ordersApi.util.upsertQueryData("getOrder", "order-1", order({ status: "cancelled", version: 1 })),
    );
  });
  act(() => jest.advanceTimersByTime(100)); // RTK notifies subscribers on the next animation frame
  expect(screen.getByText("This order has expired")).toBeInTheDocument();
  expect(screen.getByTestId("order-status")).toHaveTextContent("Expired");
});

test("a cancellation by the services just before this page's clock reaches zero is the expiry", async () => {
  const { store } = await renderOrder(order());
  act(() => jest.advanceTimersByTime(1500)); // (before the first poll, at 2 s, which would hold the cache)
  expect(screen.getByRole("timer")).toHaveTextContent("0:02");
  await act(async () => {
    await store.dispatch(
      ordersApi.util.upsertQueryData("getOrder", "order-1", order({ status: "cancelled", version: 1 })),
    );
  });
  act(() => jest.advanceTimersByTime(100));
  expect(screen.getByText("This order has expired")).toBeInTheDocument();
  expect(screen.getByTestId("order-status")).toHaveTextContent("Expired");
});

test("final states need no countdown", async () => {
  const paid = await renderOrder(order({ status: "complete" }));
  expect(screen.getByText("Payment complete")).toBeInTheDocument();
  expect(screen.queryByRole("timer")).not.toBeInTheDocument();
  paid.unmount();

  await renderOrder(order({ status: "cancelled", expiresAt: new Date(START + 600_000).toISOString() }));
  expect(screen.getByText("This order was cancelled")).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Cancel order" })).not.toBeInTheDocument();
});
