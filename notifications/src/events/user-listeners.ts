import { type EventEnvelope, type Executor, listen, signLinkToken } from "@m-ticketing/common";
import { mailCatalogue } from "../domain/mail-catalogue";
import { queueMail } from "../domain/mail-queue";
import { applyUserSnapshot } from "../domain/replicas";
import type { MailContent } from "../mail/render";
import type { ListenerDeps } from "./deps";

type UserEvent = EventEnvelope<
  | "user.created"
  | "user.updated"
  | "user.email-verified"
  | "user.email-verification-requested"
  | "user.password-reset-requested"
  | "user.password-changed"
  | "user.google-linked"
>;

/** Auth's events: each refreshes the replica of the user; the security ones also mail them. */
export function userListeners({ mail }: ListenerDeps) {
  const replicate = (event: UserEvent, tx: Executor) => applyUserSnapshot(tx, event.data.user, event.occurredAt);
  /** A mailed link (verify the address, reset the password), signed for its purpose and the row auth keeps. */
  const mailLink = async (event: UserEvent, tx: Executor, kind: "verify-email" | "password-reset", linkId: string) => {
    const user = await replicate(event, tx);
    const token = signLinkToken(kind, linkId, mail.linkKey);
    await queueMail(tx, mail, {
      sourceKey: event.id,
      // The address the link was asked for, even if the replica already holds a newer one.
      to: { id: user.id, email: event.data.user.email },
      kind,
      category: "transactional",
      content: mailCatalogue[kind](mail, { name: user.name, token }),
    });
  };

  /** A change to the account's sign-in (password, Google), told to the user's current address. */
  const securityMail = async (
    event: UserEvent,
    tx: Executor,
    kind: "password-changed" | "google-linked",
    content: (name: string) => MailContent,
  ) => {
    const user = await replicate(event, tx);
    await queueMail(tx, mail, {
      sourceKey: event.id,
      to: user,
      kind,
      category: "transactional",
      content: content(user.name),
    });
  };

  return [
    listen("user.created", async (event, tx) => {
      await replicate(event, tx);
    }),
    listen("user.updated", async (event, tx) => {
      await replicate(event, tx);
    }),
    listen("user.email-verified", async (event, tx) => {
      await replicate(event, tx);
    }),
    listen("user.email-verification-requested", (event, tx) =>
      mailLink(event, tx, "verify-email", event.data.verificationId),
    ),
    listen("user.password-reset-requested", (event, tx) => mailLink(event, tx, "password-reset", event.data.resetId)),
    listen("user.password-changed", (event, tx) =>
      securityMail(event, tx, "password-changed", (name) =>
        mailCatalogue["password-changed"](mail, { name, how: event.data.how }),
      ),
    ),
    listen("user.google-linked", (event, tx) =>
      securityMail(event, tx, "google-linked", (name) => mailCatalogue["google-linked"](mail, { name })),
    ),
  ];
}
