import type { Capture, Order, Refund } from "./store";

/** PayPal's JSON for its resources, with HATEOAS links to this emulator (`base` = its public URL). */
export function orderLinks(order: Order, base: string) {
  const self = `${base}/v2/checkout/orders/${order.id}`;
  const links = [{ href: self, rel: "self", method: "GET" }];
  if (order.status === "CREATED") links.push({ href: approvalUrl(order, base), rel: "approve", method: "GET" });
  if (order.status === "PAYER_ACTION_REQUIRED") {
    links.push({ href: approvalUrl(order, base), rel: "payer-action", method: "GET" });
  }
  if (order.status !== "COMPLETED") links.push({ href: self, rel: "update", method: "PATCH" });
  if (order.status === "APPROVED") links.push({ href: `${self}/capture`, rel: "capture", method: "POST" });
  return links;
}

export const approvalUrl = (order: Order, base: string) => `${base}/checkoutnow?token=${order.id}`;

/** The minimal body PayPal returns by default (`Prefer: return=minimal`). */
export function orderMinimal(order: Order, base: string) {
  return { id: order.id, status: order.status, links: orderLinks(order, base) };
}

/** The full order (`GET`, or `Prefer: return=representation`). */
export function orderFull(order: Order, base: string) {
  return {
    id: order.id,
    intent: order.intent,
    status: order.status,
    purchase_units: [
      {
        ...order.unit,
        payee: { email_address: "merchant@example.test", merchant_id: "EMULATORMERCHANT" },
        ...(order.capture
          ? {
              payments: {
                captures: [captureView(order.capture, base)],
                ...(order.capture.refunds.length > 0
                  ? { refunds: order.capture.refunds.map((refund) => refundView(refund, base, true)) }
                  : {}),
              },
            }
          : {}),
      },
    ],
    ...(order.payer ? { payer: order.payer, payment_source: { paypal: paypalSource(order) } } : {}),
    create_time: order.createTime,
    update_time: order.updateTime,
    links: orderLinks(order, base),
  };
}

function paypalSource(order: Order) {
  const payer = order.payer!;
  return {
    email_address: payer.email_address,
    account_id: payer.payer_id,
    account_status: "VERIFIED",
    name: payer.name,
  };
}

export function captureView(capture: Capture, base: string) {
  const self = `${base}/v2/payments/captures/${capture.id}`;
  return {
    id: capture.id,
    status: capture.status,
    amount: capture.amount,
    final_capture: true,
    disbursement_mode: "INSTANT",
    seller_protection: { status: "ELIGIBLE", dispute_categories: ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"] },
    ...(capture.customId ? { custom_id: capture.customId } : {}),
    ...(capture.invoiceId ? { invoice_id: capture.invoiceId } : {}),
    supplementary_data: { related_ids: { order_id: capture.orderId } },
    create_time: capture.createTime,
    update_time: capture.updateTime,
    links: [
      { href: self, rel: "self", method: "GET" },
      { href: `${self}/refund`, rel: "refund", method: "POST" },
      { href: `${base}/v2/checkout/orders/${capture.orderId}`, rel: "up", method: "GET" },
    ],
  };
}

export function refundView(refund: Refund, base: string, full: boolean) {
  const links = [
    { href: `${base}/v2/payments/refunds/${refund.id}`, rel: "self", method: "GET" },
    { href: `${base}/v2/payments/captures/${refund.captureId}`, rel: "up", method: "GET" },
  ];
  if (!full) return { id: refund.id, status: refund.status, links };
  return {
    id: refund.id,
    status: refund.status,
    amount: refund.amount,
    ...(refund.noteToPayer ? { note_to_payer: refund.noteToPayer } : {}),
    create_time: refund.createTime,
    update_time: refund.createTime,
    links,
  };
}
