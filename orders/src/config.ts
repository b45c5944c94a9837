import { baseConfigSchema, parseConfig } from "@m-ticketing/common";
import { z } from "zod";

export const ordersConfigSchema = baseConfigSchema.extend({
  /** How long an order holds its ticket before the expiration service cancels it. */
  ORDER_EXPIRATION_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
});

export type OrdersConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseConfig(ordersConfigSchema, env);
}
