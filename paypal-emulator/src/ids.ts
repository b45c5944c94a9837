import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** PayPal's ids look like `5O190127TN364715T`: 17 upper-case letters and digits. */
export function paypalId(length = 17): string {
  const bytes = randomBytes(length);
  let id = "";
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** The correlation id PayPal puts in every error body and `Paypal-Debug-Id` header. */
export const debugId = () => randomBytes(7).toString("hex").slice(0, 13);
