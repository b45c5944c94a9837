import { formatCents, RequestValidationError } from "@m-ticketing/common";

/**
 * Asking price ≤ face value × capPercent / 100, in integer cents so 120.00 on 100.00 at
 * 120 % passes and 120.01 does not. Listings without a face value (older than the rule) are not capped.
 */
export function checkPriceCap(priceCents: number, faceValueCents: number | null, capPercent: number): void {
  if (faceValueCents === null) return;
  if (priceCents * 100 <= faceValueCents * capPercent) return;
  const max = formatCents(Math.floor((faceValueCents * capPercent) / 100));
  throw new RequestValidationError([
    { field: "price", message: `must be at most ${max} (${capPercent}% of the face value)` },
  ]);
}
