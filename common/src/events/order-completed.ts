import { orderEventData } from "./order-cancelled";

/** An order was paid. Published by orders when it learns of the payment. */
export const orderCompleted = { type: "order.completed", version: 1, data: orderEventData } as const;
