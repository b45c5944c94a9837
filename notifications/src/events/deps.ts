import type { FeePolicy } from "@m-ticketing/common";
import type { Logger } from "pino";
import type { MailSettings } from "../domain/mail-queue";

/** What the listeners need: how to write and link mail, and where to log skipped mail. */
export interface ListenerDeps {
  mail: MailSettings;
  logger: Logger;
  /** What "You sold" tells the seller about money: the fee policy and the payout delay. */
  sales: { fees: FeePolicy; payoutDelaySeconds: number };
}
