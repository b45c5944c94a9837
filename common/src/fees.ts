/**
 * The marketplace's fees: the one place they are computed, by the services (tickets shows
 * them, payments charges and pays out by them) and by the client (the sell form's "you
 * receive"). Plain functions with no imports, so the browser can import this module alone
 * (`@m-ticketing/common/fees`).
 *
 * - The buyer pays the price plus a service fee: `BUYER_FEE_PERCENT` % of the price plus
 *   `BUYER_FEE_FIXED` (defaults 10 % + 0.99, between TicketSwap's 7 % + 3 % and StubHub's
 *   higher buyer fees).
 * - The seller receives the price minus `SELLER_FEE_PERCENT` % of it (default 5 %, as
 *   TicketSwap).
 *
 * Everything is integer cents (minor units). One rounding rule: each percentage fee is
 * rounded half up to a whole cent on its own (`percentOf`), then fixed parts are added.
 * So `total = price + buyerFee` and `sellerReceives = price − sellerFee` hold exactly, and
 * `0 ≤ sellerFee ≤ price` because a percentage is at most 100.
 */

export interface FeePolicy {
  /** Buyer's percentage in basis points (10 % = 1000). */
  buyerPercentBp: number;
  /** Buyer's fixed fee per ticket, in cents. */
  buyerFixedCents: number;
  /** Seller's percentage in basis points (5 % = 500). */
  sellerPercentBp: number;
}

/** 10 % + 0.99 for the buyer, 5 % for the seller. */
export const DEFAULT_FEE_POLICY: FeePolicy = { buyerPercentBp: 1000, buyerFixedCents: 99, sellerPercentBp: 500 };

export interface FeeBreakdown {
  /** The listing's price (what the seller asked). */
  price: number;
  /** Service fee the buyer pays on top of the price. */
  buyerFee: number;
  /** What the buyer pays: price + buyerFee. */
  total: number;
  /** Fee kept from the seller's price. */
  sellerFee: number;
  /** What the seller is paid out: price − sellerFee. */
  sellerReceives: number;
}

/** `cents × bp / 10000`, rounded half up to a whole cent (the one rounding rule). Integers only. */
export function percentOf(cents: number, basisPoints: number): number {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`cents must be a whole number ≥ 0: ${cents}`);
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) {
    throw new RangeError(`basis points must be 0..10000: ${basisPoints}`);
  }
  return Math.floor((cents * basisPoints + 5000) / 10_000);
}

/** The fees of one ticket sold at `price` cents. */
export function feeBreakdown(price: number, policy: FeePolicy = DEFAULT_FEE_POLICY): FeeBreakdown {
  const buyerFee = percentOf(price, policy.buyerPercentBp) + policy.buyerFixedCents;
  const sellerFee = percentOf(price, policy.sellerPercentBp);
  return { price, buyerFee, total: price + buyerFee, sellerFee, sellerReceives: price - sellerFee };
}

/** "10" / "7.5" / "0" → basis points (at most two decimals, 0..100); undefined if malformed. */
export function parsePercent(text: string): number | undefined {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : undefined;
}

/** "0.99" / "1" / "0" → cents (at most two decimals); undefined if malformed. */
export function parseFixedAmount(text: string): number | undefined {
  const match = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** The policy as the API shows it (`GET /api/payments/fees`): percentages and amounts as strings. */
export function feePolicyView(policy: FeePolicy) {
  const percent = (bp: number) => String(bp / 100);
  return {
    buyerFeePercent: percent(policy.buyerPercentBp),
    buyerFeeFixed: centsText(policy.buyerFixedCents),
    sellerFeePercent: percent(policy.sellerPercentBp),
  };
}

/** The policy back from its view (the client reads it from the API). */
export function feePolicyFromView(view: ReturnType<typeof feePolicyView>): FeePolicy {
  return {
    buyerPercentBp: parsePercent(view.buyerFeePercent) ?? DEFAULT_FEE_POLICY.buyerPercentBp,
    buyerFixedCents: parseFixedAmount(view.buyerFeeFixed) ?? DEFAULT_FEE_POLICY.buyerFixedCents,
    sellerPercentBp: parsePercent(view.sellerFeePercent) ?? DEFAULT_FEE_POLICY.sellerPercentBp,
  };
}

/** A breakdown as API responses show money: two-decimal strings. */
export function feeBreakdownView(b: FeeBreakdown) {
  return {
    price: centsText(b.price),
    buyerFee: centsText(b.buyerFee),
    total: centsText(b.total),
    sellerFee: centsText(b.sellerFee),
    sellerReceives: centsText(b.sellerReceives),
  };
}

// formatCents of ./money, repeated so this module stays import-free for the browser.
function centsText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}
