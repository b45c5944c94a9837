import { randomUUID } from "node:crypto";
import { BadGatewayError, ConflictError, formatCents, NotFoundError } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { orders, paypalOrders } from "../db/schema";
import { PayPalApiError } from "../paypal/errors";
import { approvalLink } from "../paypal/responses";
import type { PaymentDeps } from "./deps";
import { hasCompletedPayment, UNPAYABLE_MESSAGES, unpayableReason } from "./order-validity";

export interface CheckoutInput {
  userId: string;
  orderId: string;
  returnUrl?: string;
  cancelUrl?: string;
  brandName: string;
}

/**
 * Creates the PayPal order the buyer approves. The amount and currency come from our
 * replica of the order (the orders service's price), never from the request. The PayPal
 * order id is remembered with the order and buyer, so capture can check both.
 */
export async function startCheckout(deps: PaymentDeps, input: CheckoutInput) {
  const { db, paypal, logger } = deps;
  const [order] = await db.select().from(orders).where(eq(orders.id, input.orderId));
  // A row without a buyer exists only from an early order.cancelled: as good as unknown.
  if (!order || order.userId !== input.userId || order.price === null || order.currency === null) {
    throw new NotFoundError("Order not found");
  }
  const reason = unpayableReason(order, await hasCompletedPayment(db, order.id));
  if (reason) throw new ConflictError(UNPAYABLE_MESSAGES[reason]);

  let created: Awaited<ReturnType<typeof paypal.createOrder>>;
  try {
    created = await paypal.createOrder(
      {
        amount: formatCents(order.price),
        currency: order.currency,
        orderId: order.id,
        description: `Ticket order ${order.id}`,
        brandName: input.brandName,
        returnUrl: input.returnUrl,
        cancelUrl: input.cancelUrl,
      },
      // One id per checkout attempt: retries inside the client reuse it, a new click does not.
      `create-${randomUUID()}`,
    );
  } catch (err) {
    if (err instanceof PayPalApiError) logger.error({ err, orderId: order.id }, "PayPal refused to create an order");
    else logger.warn({ err, orderId: order.id }, "PayPal unavailable while creating an order");
    throw new BadGatewayError("PayPal is unavailable; try again");
  }
  await db.insert(paypalOrders).values({
    id: created.id,
    orderId: order.id,
    userId: input.userId,
    amount: order.price,
    currency: order.currency,
  });
  return { id: created.id, approveUrl: approvalLink(created) };
}
