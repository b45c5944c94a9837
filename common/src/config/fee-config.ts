import { z } from "zod";
import { DEFAULT_FEE_POLICY, type FeePolicy, parseFixedAmount, parsePercent } from "../fees";

const percent = (fallbackBp: number) =>
  z
    .string()
    .default(String(fallbackBp / 100))
    .transform((text, ctx) => {
      const bp = parsePercent(text);
      if (bp === undefined) {
        ctx.addIssue({ code: "custom", message: "a percentage from 0 to 100 with at most two decimals, e.g. 7.5" });
        return z.NEVER;
      }
      return bp;
    });

/**
 * The fee variables (see `common/src/fees.ts`); every service that shows or charges fees
 * (tickets, payments) extends its schema with these, so one setting applies to both.
 */
export const feeConfigShape = {
  /** Buyer's service fee, percent of the price (default 10). */
  BUYER_FEE_PERCENT: percent(DEFAULT_FEE_POLICY.buyerPercentBp),
  /** Buyer's service fee, fixed part per ticket in currency units (default 0.99). */
  BUYER_FEE_FIXED: z
    .string()
    .default("0.99")
    .transform((text, ctx) => {
      const cents = parseFixedAmount(text);
      if (cents === undefined) {
        ctx.addIssue({ code: "custom", message: "an amount with at most two decimals, e.g. 0.99" });
        return z.NEVER;
      }
      return cents;
    }),
  /** Seller's fee, percent of the price (default 5). */
  SELLER_FEE_PERCENT: percent(DEFAULT_FEE_POLICY.sellerPercentBp),
};

/** The policy a config parsed with `feeConfigShape` describes. */
export function feePolicyOf(config: {
  BUYER_FEE_PERCENT: number;
  BUYER_FEE_FIXED: number;
  SELLER_FEE_PERCENT: number;
}): FeePolicy {
  return {
    buyerPercentBp: config.BUYER_FEE_PERCENT,
    buyerFixedCents: config.BUYER_FEE_FIXED,
    sellerPercentBp: config.SELLER_FEE_PERCENT,
  };
}
