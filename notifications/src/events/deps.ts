import type { Logger } from "pino";
import type { MailSettings } from "../domain/mail-queue";

/** What the listeners need: how to write and link mail, and where to log skipped mail. */
export interface ListenerDeps {
  mail: MailSettings;
  logger: Logger;
}
