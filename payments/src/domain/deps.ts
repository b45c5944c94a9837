import type { Executor, Logger } from "@m-ticketing/common";
import type { PayPalClient } from "../paypal/client";

/** What the payment rules work with: the database, PayPal and a logger. */
export interface PaymentDeps {
  db: Executor;
  paypal: PayPalClient;
  logger: Logger;
}
