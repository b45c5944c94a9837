import { baseConfigSchema, parseConfig } from "@m-ticketing/common";
import { z } from "zod";

export const ticketsConfigSchema = baseConfigSchema.extend({
  /** ISO 4217 code every new listing is priced in. */
  CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD")
    .default("USD"),
});

export type TicketsConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseConfig(ticketsConfigSchema, env);
}
