import { paypalId } from "./ids";
import { notFound, unprocessable } from "./paypal-error";

export interface Money {
  currency_code: string;
  value: string;
}

export interface PurchaseUnit {
  reference_id: string;
  amount: Money;
  custom_id?: string;
  invoice_id?: string;
  description?: string;
}

export type OrderStatus = "CREATED" | "PAYER_ACTION_REQUIRED" | "APPROVED" | "COMPLETED";

export interface Payer {
  payer_id: string;
  email_address: string;
  name: { given_name: string; surname: string };
}

export interface Refund {
  id: string;
  captureId: string;
  status: "COMPLETED";
  amount: Money;
  noteToPayer?: string;
  createTime: string;
}

export interface Capture {
  id: string;
  orderId: string;
  status: "COMPLETED" | "PARTIALLY_REFUNDED" | "REFUNDED";
  amount: Money;
  customId?: string;
  invoiceId?: string;
  refunds: Refund[];
  createTime: string;
  updateTime: string;
}

export interface Order {
  id: string;
  intent: "CAPTURE";
  status: OrderStatus;
  unit: PurchaseUnit;
  /** Where the approval page sends the buyer (from `experience_context` or `application_context`). */
  returnUrl?: string;
  cancelUrl?: string;
  /** Set when the order was created with `payment_source.paypal` (PayPal then answers PAYER_ACTION_REQUIRED). */
  withPaymentSource: boolean;
  payer?: Payer;
  capture?: Capture;
  createTime: string;
  updateTime: string;
}

const now = () => new Date().toISOString();

/** "20.50" → 2050; amounts are kept as PayPal's strings and compared in minor units. */
export const toMinor = (value: string) => Math.round(Number(value) * 100);
export const fromMinor = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;

/**
 * Everything the emulator knows, in memory: orders, captures, refunds. The rules are
 * PayPal's: an order is captured once, only after the buyer approved it; a capture can
 * be refunded up to its amount.
 */
export class Store {
  readonly orders = new Map<string, Order>();
  readonly captures = new Map<string, Capture>();
  readonly refunds = new Map<string, Refund>();

  createOrder(input: Omit<Order, "id" | "status" | "createTime" | "updateTime" | "intent">): Order {
    const time = now();
    const order: Order = {
      ...input,
      id: paypalId(),
      intent: "CAPTURE",
      status: input.withPaymentSource ? "PAYER_ACTION_REQUIRED" : "CREATED",
      createTime: time,
      updateTime: time,
    };
    this.orders.set(order.id, order);
    return order;
  }

  getOrder(id: string): Order {
    const order = this.orders.get(id);
    if (!order) throw notFound();
    return order;
  }

  /** The buyer's consent on the approval page (or the test hook). Approving twice is harmless. */
  approve(id: string, payer?: Partial<Payer>): Order {
    const order = this.getOrder(id);
    if (order.status === "COMPLETED") throw unprocessable("ORDER_ALREADY_CAPTURED", "Order already captured.");
    if (order.status !== "APPROVED") {
      order.status = "APPROVED";
      order.payer = {
        payer_id: payer?.payer_id ?? paypalId(13),
        email_address: payer?.email_address ?? "buyer@example.test",
        name: payer?.name ?? { given_name: "Test", surname: "Buyer" },
      };
      order.updateTime = now();
    }
    return order;
  }

  capture(id: string): Order {
    const order = this.getOrder(id);
    if (order.status === "COMPLETED") {
      throw unprocessable(
        "ORDER_ALREADY_CAPTURED",
        "Order already captured. If 'intent=CAPTURE' only one capture per order is allowed.",
      );
    }
    if (order.status !== "APPROVED") {
      throw unprocessable(
        "ORDER_NOT_APPROVED",
        "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.",
      );
    }
    const time = now();
    const capture: Capture = {
      id: paypalId(),
      orderId: order.id,
      status: "COMPLETED",
      amount: { ...order.unit.amount },
      customId: order.unit.custom_id,
      invoiceId: order.unit.invoice_id,
      refunds: [],
      createTime: time,
      updateTime: time,
    };
    this.captures.set(capture.id, capture);
    order.capture = capture;
    order.status = "COMPLETED";
    order.updateTime = time;
    return order;
  }

  getCapture(id: string): Capture {
    const capture = this.captures.get(id);
    if (!capture) throw notFound();
    return capture;
  }

  /** Refunds `amount` (default: what is left) of a capture. */
  refund(captureId: string, amount?: Money, noteToPayer?: string): Refund {
    const capture = this.getCapture(captureId);
    const refunded = capture.refunds.reduce((sum, r) => sum + toMinor(r.amount.value), 0);
    const left = toMinor(capture.amount.value) - refunded;
    if (left <= 0) throw unprocessable("CAPTURE_FULLY_REFUNDED", "The capture has already been fully refunded");
    if (amount && amount.currency_code !== capture.amount.currency_code) {
      throw unprocessable("REFUND_CURRENCY_MISMATCH", "Refund must be in the same currency as the capture.");
    }
    const minor = amount ? toMinor(amount.value) : left;
    if (minor > left) {
      throw unprocessable(
        "REFUND_AMOUNT_EXCEEDED",
        "The refund amount must be less than or equal to the capture amount.",
      );
    }
    const refund: Refund = {
      id: paypalId(),
      captureId,
      status: "COMPLETED",
      amount: { currency_code: capture.amount.currency_code, value: fromMinor(minor) },
      noteToPayer,
      createTime: now(),
    };
    capture.refunds.push(refund);
    capture.status = minor === left ? "REFUNDED" : "PARTIALLY_REFUNDED";
    capture.updateTime = refund.createTime;
    this.refunds.set(refund.id, refund);
    return refund;
  }

  getRefund(id: string): Refund {
    const refund = this.refunds.get(id);
    if (!refund) throw notFound();
    return refund;
  }
}
