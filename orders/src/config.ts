import { baseConfigSchema, parseConfig } from "@m-ticketing/common";
import { z } from "zod";

export const ordersConfigSchema = baseConfigSchema.extend({
  /** How long an order holds its ticket before the expiration service cancels it. */
  ORDER_EXPIRATION_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /**
   * Wait before a `ticket.updated` that arrived ahead of an earlier version is tried
   * again. Up to MAX_DELIVERIES tries, so the gap may last about their product.
   */
  REPLICA_RETRY_DELAY_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
});

export type OrdersConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseConfig(ordersConfigSchema, env);
}
