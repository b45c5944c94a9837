import fc from "fast-check";
import { z } from "zod";
import { feeConfigShape, feePolicyOf } from "../src/config/fee-config";
import { DEFAULT_FEE_POLICY, feeBreakdown, feePolicyFromView, feePolicyView, percentOf } from "../src/fees";
import { MAX_PRICE } from "../src/money";

const policy = fc.record({
  buyerPercentBp: fc.integer({ min: 0, max: 10_000 }),
  buyerFixedCents: fc.integer({ min: 0, max: 10_000 }),
  sellerPercentBp: fc.integer({ min: 0, max: 10_000 }),
});
const price = fc.integer({ min: 1, max: MAX_PRICE * 100 });

test("price + buyer fee = total; seller receives price − seller fee, never below 0 (any policy, any price)", () => {
  fc.assert(
    fc.property(price, policy, (p, pol) => {
      const b = feeBreakdown(p, pol);
      expect(Number.isSafeInteger(b.buyerFee) && Number.isSafeInteger(b.sellerFee)).toBe(true);
      expect(b.total).toBe(p + b.buyerFee);
      expect(b.sellerReceives).toBe(p - b.sellerFee);
      expect(b.sellerFee).toBeGreaterThanOrEqual(0);
      expect(b.sellerFee).toBeLessThanOrEqual(p);
      expect(b.buyerFee).toBeGreaterThanOrEqual(pol.buyerFixedCents);
    }),
  );
});

test("each percentage is rounded half up to a whole cent, within half a cent of the exact value", () => {
  fc.assert(
    fc.property(price, fc.integer({ min: 0, max: 10_000 }), (p, bp) => {
      const exact = (p * bp) / 10_000;
      const fee = percentOf(p, bp);
      expect(fee - exact).toBeLessThanOrEqual(0.5);
      expect(exact - fee).toBeLessThan(0.5);
    }),
  );
});

test.each([
  // price, buyer fee, total, seller fee, seller receives (defaults: 10 % + 0.99, 5 %)
  [1, 99, 100, 0, 1], // 0.1 cent → 0; 0.05 → 0
  [5, 100, 105, 0, 5], // 0.5 cent → 1 (half up); 0.25 → 0
  [10, 100, 110, 1, 9], // 1 cent; 0.5 → 1 (half up)
  [15, 101, 116, 1, 14], // 1.5 → 2; 0.75 → 1
  [2050, 304, 2354, 103, 1947], // 205 + 99; 102.5 → 103
  [MAX_PRICE * 100, 10_000_099, 110_000_099, 5_000_000, 95_000_000],
])(
  "defaults at %p cents: buyer fee %p, total %p, seller fee %p, seller receives %p",
  (p, buyerFee, total, sellerFee, receives) => {
    expect(feeBreakdown(p, DEFAULT_FEE_POLICY)).toEqual({
      price: p,
      buyerFee,
      total,
      sellerFee,
      sellerReceives: receives,
    });
  },
);

test("a 100 % seller fee leaves the seller 0, never less; a 0 % fee leaves the price", () => {
  expect(feeBreakdown(333, { buyerPercentBp: 0, buyerFixedCents: 0, sellerPercentBp: 10_000 }).sellerReceives).toBe(0);
  expect(feeBreakdown(333, { buyerPercentBp: 0, buyerFixedCents: 0, sellerPercentBp: 0 })).toEqual({
    price: 333,
    buyerFee: 0,
    total: 333,
    sellerFee: 0,
    sellerReceives: 333,
  });
});

test("the settings parse to the policy and refuse what is not a percentage or an amount", () => {
  const schema = z.object(feeConfigShape);
  expect(feePolicyOf(schema.parse({}))).toEqual(DEFAULT_FEE_POLICY);
  expect(
    feePolicyOf(schema.parse({ BUYER_FEE_PERCENT: "7.5", BUYER_FEE_FIXED: "3", SELLER_FEE_PERCENT: "0" })),
  ).toEqual({
    buyerPercentBp: 750,
    buyerFixedCents: 300,
    sellerPercentBp: 0,
  });
  for (const bad of [
    { BUYER_FEE_PERCENT: "101" },
    { SELLER_FEE_PERCENT: "-1" },
    { BUYER_FEE_FIXED: "0.999" },
    { BUYER_FEE_PERCENT: "ten" },
  ]) {
    expect(schema.safeParse(bad).success).toBe(false);
  }
});

test("the policy survives its API view (the client computes with what the API shows)", () => {
  fc.assert(
    fc.property(policy, (pol) => {
      expect(feePolicyFromView(feePolicyView(pol))).toEqual(pol);
    }),
  );
});
