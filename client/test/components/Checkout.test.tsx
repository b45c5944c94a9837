import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { OrderPageApi } from "@/components/checkout/checkout-api";
import { OrderView } from "@/components/orders/OrderView";
import { ApiError } from "@/lib/api-error";
import type { Order, Payment } from "@/lib/api-types";
import { renderApp } from "../support/render";

const order: Order = {
  id: "order-7",
  status: "created",
  endReason: null,
  refundedAt: null,
  expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
  userId: "buyer",
  ticket: { id: "ticket-7", title: "Opera", price: "99.00", currency: "EUR" },
  version: 0,
  createdAt: new Date().toISOString(),
};

const payment: Payment = {
  id: "pay-1",
  orderId: "order-7",
  paypalOrderId: "PAYPAL-1",
  captureId: "CAP-1",
  amount: "109.89",
  price: "99.00",
  serviceFee: "10.89",
  currency: "EUR",
  status: "completed",
  createdAt: new Date().toISOString(),
};

/**
 * Records the calls the order page makes and answers them as the test says. The orders
 * service's side: the order completes once a payment was captured.
 */
function paymentsApi(
  answers: {
    create?: () => Promise<{ id: string; approveUrl?: string }>;
    capture?: () => Promise<{ payment: Payment }>;
  } = {},
) {
  const calls = { created: [] as unknown[][], captured: [] as string[] };
  let captured = false;
  const api: OrderPageApi = {
    getOrder: async () => ({ order: captured ? { ...order, status: "complete", version: 1 } : order }),
    cancelOrder: async () => ({ order: { ...order, status: "cancelled", version: 1 } }),
    createPaypalOrder: async (...args) => {
      calls.created.push(args);
      return answers.create ? answers.create() : { id: "PAYPAL-1" };
    },
    capturePaypalOrder: async (id) => {
      calls.captured.push(id);
      const result = answers.capture ? await answers.capture() : { payment };
      captured = true;
      return result;
    },
  };
  return { api, calls };
}

/** A stand-in for the browser's popup window (jsdom cannot open windows). */
function popupWindow() {
  const popup = {
    closed: false,
    location: { href: "" },
    close() {
      popup.closed = true;
    },
  };
  const opened: unknown[][] = [];
  jest.spyOn(window, "open").mockImplementation((...args: unknown[]) => {
    opened.push(args);
    return popup as unknown as Window;
  });
  return { popup, opened };
}

type ButtonsProps = {
  createOrder: () => Promise<string>;
  onApprove: (data: { orderID: string }) => Promise<void>;
};

/** PayPal's SDK as far as <PayPalButtons> uses it; keeps the props the buttons were given. */
const paypalSdkStub = {
  props: null as ButtonsProps | null,
  Buttons(props: ButtonsProps) {
    paypalSdkStub.props = props;
    return {
      isEligible: () => true,
      render: async (container: HTMLElement) => {
        container.append(Object.assign(document.createElement("button"), { textContent: "PayPal" }));
      },
      close: async () => {},
    };
  },
};

afterEach(() => {
  jest.restoreAllMocks();
  delete (window as { paypal?: unknown }).paypal;
  for (const script of document.querySelectorAll("script")) script.remove();
});

describe("without a PayPal client id: the sandbox emulator", () => {
  test("pays through the emulator's approval page, then shows the completed order", async () => {
    const u = userEvent.setup();
    const { popup, opened } = popupWindow();
    const { api, calls } = paymentsApi();
    renderApp(<OrderView initialOrder={order} api={api} />, {
      config: { paypalEmulatorUrl: "http://localhost:3009" },
    });

    await u.click(screen.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" }));

    expect(opened[0]?.[1]).toBe("paypal-approval");
    expect(calls.created).toEqual([
      [
        "order-7",
        {
          returnUrl: "http://localhost/checkout/return?orderId=order-7",
          cancelUrl: "http://localhost/checkout/return?orderId=order-7&cancelled=1",
        },
      ],
    ]);
    expect(popup.location.href).toBe("http://localhost:3009/checkoutnow?token=PAYPAL-1");
    expect(await screen.findByText(/Approve the payment in the PayPal window/)).toBeInTheDocument();

    // The buyer approves; PayPal sends the popup to /checkout/return, which tells this page.
    act(() => {
      window.dispatchEvent(
        new MessageEvent("message", {
          origin: window.location.origin,
          data: { type: "paypal-return", orderId: "order-7", token: "PAYPAL-1", cancelled: false },
        }),
      );
    });
    expect(await screen.findByText("Payment received. Confirming your order…")).toBeInTheDocument();
    // Issue 17 item 5: the chip agrees with the message (it said "Awaiting payment").
    expect(screen.getByTestId("order-status")).toHaveTextContent("Confirming payment");
    expect(calls.captured).toEqual(["PAYPAL-1"]);
    expect(screen.queryByRole("button", { name: "Cancel order" })).not.toBeInTheDocument();

    // The orders service completes the order; the next poll (every 2 s) brings it.
    expect(await screen.findByText("Payment complete", {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByTestId("order-status")).toHaveTextContent("Paid");
  });

  test("the approval page the payments service names is the one opened", async () => {
    const u = userEvent.setup();
    const { popup } = popupWindow();
    const { api } = paymentsApi({
      create: async () => ({ id: "PAYPAL-2", approveUrl: "http://paypal.local:3009/checkoutnow?token=PAYPAL-2" }),
    });
    renderApp(<OrderView initialOrder={order} api={api} />);
    await u.click(screen.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" }));
    await screen.findByText(/Approve the payment in the PayPal window/);
    expect(popup.location.href).toBe("http://paypal.local:3009/checkoutnow?token=PAYPAL-2");
  });

  test("messages from other sites are ignored", async () => {
    const u = userEvent.setup();
    popupWindow();
    const { api, calls } = paymentsApi();
    renderApp(<OrderView initialOrder={order} api={api} />);
    await u.click(screen.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" }));
    await screen.findByText(/Approve the payment in the PayPal window/);
    act(() => {
      window.dispatchEvent(
        new MessageEvent("message", {
          origin: "https://evil.example",
          data: { type: "paypal-return", orderId: "order-7", token: "PAYPAL-1", cancelled: false },
        }),
      );
    });
    expect(calls.captured).toEqual([]);
    expect(screen.getByText(/Approve the payment in the PayPal window/)).toBeInTheDocument();
  });

  test("an order that can no longer be paid explains why and closes the popup", async () => {
    const u = userEvent.setup();
    const { popup } = popupWindow();
    const { api } = paymentsApi({
      create: async () => {
        throw new ApiError(409, [{ message: "The order has expired." }]);
      },
    });
    renderApp(<OrderView initialOrder={order} api={api} />);
    await u.click(screen.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The order has expired. This order can no longer be paid.",
    );
    expect(popup.closed).toBe(true);
    expect(screen.getByRole("button", { name: "Try paying again" })).toBeInTheDocument();
  });

  test("closing the PayPal window before approving says so and lets the buyer try again", async () => {
    const u = userEvent.setup();
    const { popup } = popupWindow();
    const { api, calls } = paymentsApi({
      capture: async () => {
        throw new ApiError(409, [{ message: "the buyer has not approved the payment at PayPal yet" }]);
      },
    });
    renderApp(<OrderView initialOrder={order} api={api} />);
    await u.click(screen.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" }));
    await screen.findByText(/Approve the payment in the PayPal window/);

    popup.closed = true; // the buyer closed it
    // Issue 17 item 5: the buyer's words, not the server's.
    const alert = await screen.findByRole("alert", {}, { timeout: 3000 });
    expect(alert).toHaveTextContent("The payment was not approved in PayPal, so nothing was charged.");
    expect(alert).not.toHaveTextContent(/the buyer has not approved/i);
    expect(calls.captured).toEqual(["PAYPAL-1"]);
    expect(screen.getByRole("button", { name: "Try paying again" })).toBeInTheDocument();
    expect(screen.getByTestId("order-status")).toHaveTextContent("Awaiting payment");
  });

  test("'I have approved' without approving closes the PayPal window and says what to do (issue 17 item 5)", async () => {
    const u = userEvent.setup();
    const { popup } = popupWindow();
    const { api, calls } = paymentsApi({
      capture: async () => {
        throw new ApiError(409, [{ message: "the buyer has not approved the payment at PayPal yet" }]);
      },
    });
    renderApp(<OrderView initialOrder={order} api={api} />);
    await u.click(screen.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" }));
    await u.click(await screen.findByRole("button", { name: "I have approved: complete the payment" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The payment was not approved in PayPal");
    expect(popup.closed).toBe(true);
    expect(calls.captured).toEqual(["PAYPAL-1"]);
    expect(screen.queryByText(/Approve the payment in the PayPal window/)).not.toBeInTheDocument();
  });
});

describe("with a PayPal client id: the real PayPal buttons", () => {
  const sdkScript = async () => {
    await waitFor(() => expect(document.querySelector('script[src^="https://www.paypal.com/sdk/js"]')).not.toBeNull());
    return document.querySelector<HTMLScriptElement>('script[src^="https://www.paypal.com/sdk/js"]')!;
  };

  test("loads PayPal's SDK for the order's currency and shows an error, not an empty box, when it cannot load", async () => {
    const { api } = paymentsApi();
    const logged = jest.spyOn(console, "error").mockImplementation(() => {});
    renderApp(<OrderView initialOrder={order} api={api} />, { config: { paypalClientId: "client-abc" } });
    expect(screen.getByText("Loading PayPal…")).toBeInTheDocument();
    const script = await sdkScript();
    expect(script.src).toContain("client-id=client-abc");
    expect(script.src).toContain("currency=EUR");
    expect(script.src).toContain("intent=capture");

    act(() => {
      script.dispatchEvent(new Event("error"));
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("PayPal could not be loaded");
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /sandbox emulator/ })).not.toBeInTheDocument();
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/Failed to load the PayPal JS SDK script/);
  });

  test("createOrder and onApprove go through our payments API", async () => {
    (window as { paypal?: unknown }).paypal = paypalSdkStub;
    const { api, calls } = paymentsApi({ create: async () => ({ id: "PAYPAL-9" }) });
    renderApp(<OrderView initialOrder={order} api={api} />, { config: { paypalClientId: "client-abc" } });
    const script = await sdkScript();
    act(() => {
      script.dispatchEvent(new Event("load"));
    });
    expect(await screen.findByRole("button", { name: "PayPal" })).toBeInTheDocument();

    let paypalOrderId = "";
    await act(async () => {
      paypalOrderId = await paypalSdkStub.props!.createOrder();
    });
    expect(paypalOrderId).toBe("PAYPAL-9");
    expect(calls.created[0]?.[0]).toBe("order-7");
    await act(async () => {
      await paypalSdkStub.props!.onApprove({ orderID: "PAYPAL-9" });
    });
    expect(calls.captured).toEqual(["PAYPAL-9"]);
    expect(await screen.findByText("Payment received. Confirming your order…")).toBeInTheDocument();
  });
});
