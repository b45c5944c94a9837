import { z } from "zod";
import { LIMITS } from "./limits";

/** Largest price a listing may have, in whole currency units. */
export const MAX_PRICE = LIMITS.priceMax;

/**
 * A price from a request: a number or numeric string, > 0, at most MAX_PRICE, at most
 * two decimals. Parses to integer cents so no float ever reaches the database.
 */
export const priceInput = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, "must be a number"),
  ])
  .transform((value, ctx) => {
    const text = typeof value === "number" ? String(value) : value;
    if (!Number.isFinite(Number(text)) || !/^\d+(\.\d{1,2})?$/.test(text)) {
      ctx.addIssue({ code: "custom", message: "must be a positive amount with at most two decimals" });
      return z.NEVER;
    }
    const [whole = "0", fraction = ""] = text.split(".");
    const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
    if (cents <= 0) ctx.addIssue({ code: "custom", message: "must be greater than 0" });
    if (cents > MAX_PRICE * 100) ctx.addIssue({ code: "custom", message: `must be at most ${MAX_PRICE}` });
    return cents;
  });

/** 2050 → "20.50": how prices appear in every API response. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
