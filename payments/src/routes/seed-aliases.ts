import { type RouteAlias, requireAuth, validate } from "@m-ticketing/common";
import { z } from "zod";
import { capturePath, orderIdField, paypalOrderIdField } from "./capture";

const seedPaymentBody = z.object({ orderId: orderIdField, paypalOrderId: paypalOrderIdField });

/**
 * The paths the seed's documentation names, answered by our routes. The seed's "create a
 * payment" `POST /api/payments {orderId, paypalOrderId}` is our capture of that PayPal order,
 * with every check the capture makes (owner, amount from the server, expiry, idempotency) and
 * the PayPal order required to belong to `orderId`.
 */
export const seedAliases: RouteAlias[] = [
  {
    method: "post",
    path: "/api/payments",
    before: [requireAuth],
    to: { path: (req) => capturePath(validate(req, { body: seedPaymentBody }).body.paypalOrderId) },
  },
];
