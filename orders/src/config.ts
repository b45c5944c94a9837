import { baseConfigSchema, parseConfig } from "@m-ticketing/common";
import { z } from "zod";

export const ordersConfigSchema = baseConfigSchema
  .extend({
    /** How long an order holds its ticket before the expiration service cancels it. */
    ORDER_EXPIRATION_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    /** Unpaid reservations one buyer may hold at once, across events (at least the per-event cap). */
    MAX_ACTIVE_ORDERS_PER_BUYER: z.coerce.number().int().min(1).max(1000).default(8),
    /** Wait before a buyer may reserve again a ticket whose order they cancelled or let expire. */
    RERESERVE_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
    /** Anti-hoarding: tickets one buyer may hold or have bought for one event (TicketSwap: 8). */
    MAX_TICKETS_PER_BUYER_PER_EVENT: z.coerce.number().int().min(1).max(1000).default(8),
    /** How often unpaid orders of events that have started are looked for and cancelled. */
    EVENT_START_CHECK_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  })
  // Reservations are one ticket each, so a buyer reaches the per-event cap only by holding that
  // many at once (or paying between them): a per-event cap above the per-buyer one would be a
  // promise a group buyer cannot use in one go.
  .superRefine((config, ctx) => {
    if (config.MAX_TICKETS_PER_BUYER_PER_EVENT > config.MAX_ACTIVE_ORDERS_PER_BUYER) {
      ctx.addIssue({
        code: "custom",
        path: ["MAX_TICKETS_PER_BUYER_PER_EVENT"],
        message: `must be at most MAX_ACTIVE_ORDERS_PER_BUYER (${config.MAX_ACTIVE_ORDERS_PER_BUYER})`,
      });
    }
  });

export type OrdersConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseConfig(ordersConfigSchema, env);
}
