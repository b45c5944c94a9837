import type { Executor, FeePolicy, Logger } from "@m-ticketing/common";
import type { PayPalClient } from "../paypal/client";

/** What the payment rules work with: the database, PayPal and a logger. */
export interface PaymentDeps {
  db: Executor;
  paypal: PayPalClient;
  logger: Logger;
  /** The fees charged and kept (common/src/fees.ts), from BUYER_FEE_* / SELLER_FEE_PERCENT. */
  fees: FeePolicy;
  /** Seconds after its event starts that a sale becomes payable (PAYOUT_DELAY). */
  payoutDelaySeconds: number;
  /** SELLER_EMAIL_VERIFICATION: only sellers with a verified address may be paid (`off` in some harnesses). */
  sellerEmailVerification: "required" | "off";
}
