import { type Executor, signLinkToken } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { mails, preferences, type UserRow } from "../db/schema";
import { type MailContent, renderMail } from "../mail/render";
import type { Site } from "./mail-catalogue";

export type MailCategory = "transactional" | "reminder" | "alert";

/** What queueing needs besides the mail: the site's name and address, and the link key. */
export interface MailSettings extends Site {
  linkKey: Buffer;
}

export interface QueuedMail {
  /** The event's id (or `reminder:<orderId>`): with the recipient, what makes the mail unique. */
  sourceKey: string;
  to: Pick<UserRow, "id" | "email">;
  kind: string;
  category: MailCategory;
  content: MailContent;
}

/** The signed token of "stop sending me <category>" for one user. */
export const unsubscribeToken = (settings: MailSettings, userId: string, category: MailCategory) =>
  signLinkToken("unsubscribe", `${userId}:${category}`, settings.linkKey);

/**
 * Renders a mail and puts it in the queue, in the caller's transaction (a listener's, with the
 * inbox row). Reminders and alerts are skipped for users who turned them off and carry
 * `List-Unsubscribe` (RFC 2369) with one-click `List-Unsubscribe-Post` (RFC 8058); transactional
 * mail is always queued. A second call for the same source and recipient changes nothing.
 * Returns whether a mail was queued.
 */
export async function queueMail(tx: Executor, settings: MailSettings, mail: QueuedMail): Promise<boolean> {
  const headers: Record<string, string> = {};
  let optOut: { unsubscribeUrl: string; settingsUrl: string } | undefined;
  if (mail.category !== "transactional") {
    const [choice] = await tx.select().from(preferences).where(eq(preferences.userId, mail.to.id));
    const wanted = mail.category === "reminder" ? (choice?.reminders ?? true) : (choice?.alerts ?? true);
    if (!wanted) return false;
    const token = unsubscribeToken(settings, mail.to.id, mail.category);
    optOut = {
      unsubscribeUrl: `${settings.publicUrl}/notifications/unsubscribe?token=${token}`,
      settingsUrl: `${settings.publicUrl}/settings/notifications`,
    };
    headers["List-Unsubscribe"] = `<${settings.publicUrl}/api/notifications/unsubscribe?token=${token}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  const rendered = renderMail(mail.content, settings, optOut);
  const inserted = await tx
    .insert(mails)
    .values({
      sourceKey: mail.sourceKey,
      recipient: mail.to.email,
      userId: mail.to.id,
      kind: mail.kind,
      category: mail.category,
      ...rendered,
      headers,
    })
    .onConflictDoNothing({ target: [mails.sourceKey, mails.recipient] })
    .returning({ id: mails.id });
  return inserted.length > 0;
}
