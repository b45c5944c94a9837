import { randomUUID } from "node:crypto";
import { BadGatewayError, ConflictError, feeBreakdown, formatCents, NotFoundError } from "@m-ticketing/common";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { orders, paypalOrders } from "../db/schema";
import { PayPalApiError } from "../paypal/errors";
import { approvalLink } from "../paypal/responses";
import type { PaymentDeps } from "./deps";
import { hasCompletedPayment, unpayableMessage, unpayableReason } from "./order-validity";
import { singleFlight } from "./single-flight";

export interface CheckoutInput {
  userId: string;
  orderId: string;
  returnUrl?: string;
  cancelUrl?: string;
  brandName: string;
}

// PayPal order states in which the buyer can still approve it.
const AWAITING_APPROVAL = new Set(["CREATED", "PAYER_ACTION_REQUIRED"]);

/**
 * Creates the PayPal order the buyer approves, or hands back the one already waiting for
 * approval: one open PayPal order per order (25 parallel clicks make one). The amount and
 * currency come from our replica of the order (the orders service's price), never from the
 * request. The PayPal order id is remembered with the order and buyer, so capture can
 * check both.
 */
export async function startCheckout(deps: PaymentDeps, input: CheckoutInput) {
  const { db } = deps;
  const [order] = await db.select().from(orders).where(eq(orders.id, input.orderId));
  // A row without a buyer exists only from an early order.cancelled: as good as unknown.
  if (!order || order.userId !== input.userId || order.price === null || order.currency === null) {
    throw new NotFoundError("Order not found");
  }
  const reason = unpayableReason(order, await hasCompletedPayment(db, order.id));
  if (reason) throw new ConflictError(unpayableMessage(reason, order));
  // Calls for one order on this replica share one attempt (one database connection); the
  // advisory lock orders attempts across replicas.
  return singleFlight(`checkout:${order.id}`, () =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`checkout:${order.id}`}, 0))`);
      const payable = order as OrderRow;
      const open = await reusableCheckout({ ...deps, db: tx }, payable);
      return open ?? createCheckout({ ...deps, db: tx }, input, payable);
    }),
  );
}

type OrderRow = typeof orders.$inferSelect & { price: number; currency: string };

/** The newest PayPal order of this order, for its amount, that PayPal still shows for approval. */
async function reusableCheckout({ db, paypal, logger, fees }: PaymentDeps, order: OrderRow) {
  const { total } = feeBreakdown(order.price, fees);
  const [latest] = await db
    .select()
    .from(paypalOrders)
    .where(
      and(
        eq(paypalOrders.orderId, order.id),
        eq(paypalOrders.userId, order.userId!),
        eq(paypalOrders.amount, total),
        eq(paypalOrders.price, order.price),
        eq(paypalOrders.currency, order.currency),
        isNull(paypalOrders.captureStartedAt),
      ),
    )
    .orderBy(desc(paypalOrders.createdAt))
    .limit(1);
  if (!latest) return undefined;
  try {
    const atPayPal = await paypal.getOrder(latest.id);
    const approveUrl = approvalLink(atPayPal);
    return AWAITING_APPROVAL.has(atPayPal.status) && approveUrl ? { id: latest.id, approveUrl } : undefined;
  } catch (err) {
    // Expired at PayPal (404) or PayPal unreachable: a new order is the way forward.
    logger.warn({ err, orderId: order.id, paypalOrderId: latest.id }, "could not reuse the open PayPal order");
    return undefined;
  }
}

async function createCheckout({ db, paypal, logger, fees }: PaymentDeps, input: CheckoutInput, order: OrderRow) {
  // The buyer is asked for the price plus the service fee, exactly as shown before paying.
  const breakdown = feeBreakdown(order.price, fees);
  let created: Awaited<ReturnType<typeof paypal.createOrder>>;
  try {
    created = await paypal.createOrder(
      {
        amount: formatCents(breakdown.total),
        currency: order.currency,
        price: formatCents(breakdown.price),
        serviceFee: formatCents(breakdown.buyerFee),
        itemName: order.title ? `Ticket: ${order.title}` : "Ticket",
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
    amount: breakdown.total,
    currency: order.currency,
    price: breakdown.price,
    buyerFee: breakdown.buyerFee,
    sellerFee: breakdown.sellerFee,
  });
  return { id: created.id, approveUrl: approvalLink(created) };
}
