import type { Executor } from "@m-ticketing/common";
import { type MailKind, mailCatalogue, type Site } from "../domain/mail-catalogue";
import { type MailCategory, queueMail } from "../domain/mail-queue";
import { findUser } from "../domain/replicas";
import type { MailContent } from "../mail/render";
import type { ListenerDeps } from "./deps";

/** What a kind of mail needs besides the recipient's name (which comes from the replica). */
export type MailData<K extends MailKind> = Omit<Parameters<(typeof mailCatalogue)[K]>[1], "name">;

/**
 * `mailTo(tx, sourceKey, userId, kind, category, data)`: writes mail `kind` to a user we hold a
 * replica of, greeting them by name, in the caller's transaction (see `queueMail`). A user we
 * have no replica of signed up before this service existed: logged, not retried forever.
 * Returns whether a mail was queued.
 */
export function mailer({ mail, logger }: ListenerDeps) {
  return async function mailTo<K extends MailKind>(
    tx: Executor,
    sourceKey: string,
    userId: string,
    kind: K,
    category: MailCategory,
    data: MailData<K>,
  ): Promise<boolean> {
    const user = await findUser(tx, userId);
    if (!user) {
      logger.warn({ userId, mail: kind }, "no address known for the user; mail not sent");
      return false;
    }
    const write = mailCatalogue[kind] as unknown as (site: Site, p: MailData<K> & { name: string }) => MailContent;
    const content = write(mail, { ...data, name: user.name });
    return queueMail(tx, mail, { sourceKey, to: user, kind, category, content });
  };
}

export type MailTo = ReturnType<typeof mailer>;
