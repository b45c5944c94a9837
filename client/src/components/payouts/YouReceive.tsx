"use client";
import { feeBreakdown, feePolicyFromView } from "@m-ticketing/common/fees";
import Typography from "@mui/material/Typography";
import { useEffect, useState } from "react";
import { formatPrice } from "@/lib/format";
import { type FeePolicyView, type PayoutsApi, payoutsApi } from "./payouts-api";

/** "12.50" → 1250; null unless a positive amount with at most two decimals. */
function toCents(text: string): number | null {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return cents > 0 ? cents : null;
}

const text = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

/**
 * While a seller types a price: what they will be paid for it (price − seller fee), with
 * the fee policy the payments service charges by, computed by the same module.
 */
export function YouReceive({
  price,
  currency,
  api = payoutsApi,
}: {
  price: string;
  currency: string;
  api?: Pick<PayoutsApi, "getFeePolicy">;
}) {
  const [policy, setPolicy] = useState<FeePolicyView | null>(null);
  useEffect(() => {
    let live = true;
    api
      .getFeePolicy()
      .then(({ fees }) => live && setPolicy(fees))
      .catch(() => {}); // the hint is optional: the form works without it
    return () => {
      live = false;
    };
  }, [api]);
  const cents = toCents(price);
  if (!policy || cents === null) return null;
  const b = feeBreakdown(cents, feePolicyFromView(policy));
  return (
    <Typography variant="body2" color="textSecondary" data-testid="you-receive" aria-live="polite">
      You receive <strong>{formatPrice(text(b.sellerReceives), currency)}</strong> (price minus our{" "}
      {policy.sellerFeePercent}% seller fee of {formatPrice(text(b.sellerFee), currency)}), paid to your PayPal after
      the event.
    </Typography>
  );
}
