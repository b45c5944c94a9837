import { HttpError } from "@m-ticketing/common";

/** 402: PayPal declined the buyer's funding source; they may choose another one and retry. */
export class PaymentDeclinedError extends HttpError {
  readonly statusCode = 402;
}
