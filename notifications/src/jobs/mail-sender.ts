import { type Executor, periodicJob, type ServiceResource } from "@m-ticketing/common";
import { eq, inArray, sql } from "drizzle-orm";
import type { Logger } from "pino";
import { type MailRow, mails, suppressedAddresses } from "../db/schema";
import type { SendOutcome } from "../mail/smtp";

export interface MailSenderOptions {
  db: Executor;
  sender: { send(mail: MailRow & { to: string }): Promise<SendOutcome>; close(): void };
  logger: Logger;
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Mails claimed per round. */
  batchSize?: number;
  /** How long a claimed mail is left to this sender before another may take it (crash). */
  leaseMs?: number;
}

/** Wait before the next attempt after `attempts` failed ones: base doubling up to max. */
export const retryDelay = (attempts: number, baseMs: number, maxMs: number) =>
  Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);

/**
 * Delivers the mail queue. Each round claims due mail with `FOR UPDATE SKIP LOCKED` (so any
 * number of replicas share the work) and leases it; each mail is then sent and its outcome
 * recorded. SMTP down or a 4xx: retried with backoff, never dropped. A 5xx for the recipient:
 * the address is suppressed and no more mail goes to it.
 *
 * Why a lease rather than "mark sent, then send": a crash after the server accepted a mail and
 * before we record it leaves the row leased; when the lease runs out the mail is sent again
 * (with the same Message-ID). We prefer that rare duplicate to the alternative, a mail lost
 * for good, since the mails that matter most (reset links, order confirmations) must arrive.
 */
export function mailSender(options: MailSenderOptions): ServiceResource {
  const { db, logger } = options;
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 120_000;

  async function claim(): Promise<MailRow[]> {
    const result = await db.execute(sql`
      update mails set locked_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = attempts + 1
      where id in (
        select id from mails
        where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
        order by next_attempt_at
        limit ${batchSize}
        for update skip locked)
      returning id`);
    const ids = (result.rows as { id: string }[]).map((r) => r.id);
    if (ids.length === 0) return [];
    return db.select().from(mails).where(inArray(mails.id, ids));
  }

  async function deliver(mail: MailRow): Promise<void> {
    const [suppressed] = await db
      .select()
      .from(suppressedAddresses)
      .where(eq(suppressedAddresses.email, mail.recipient));
    if (suppressed) {
      await db
        .update(mails)
        .set({ status: "suppressed", lockedUntil: null, lastError: `suppressed: ${suppressed.reason}` })
        .where(eq(mails.id, mail.id));
      return;
    }
    const outcome = await options.sender.send({ ...mail, to: mail.recipient });
    const log = { mailId: mail.id, kind: mail.kind, attempt: mail.attempts };
    switch (outcome.kind) {
      case "sent":
        await db
          .update(mails)
          .set({ status: "sent", sentAt: new Date(), lockedUntil: null, lastError: null })
          .where(eq(mails.id, mail.id));
        logger.info(log, "mail sent");
        return;
      case "bounced":
        await db.transaction(async (tx) => {
          await tx
            .update(mails)
            .set({ status: "bounced", lockedUntil: null, lastError: outcome.reason })
            .where(eq(mails.id, mail.id));
          await tx
            .insert(suppressedAddresses)
            .values({ email: mail.recipient, reason: outcome.reason })
            .onConflictDoNothing();
        });
        logger.warn({ ...log, reason: outcome.reason }, "permanent bounce: address suppressed");
        return;
      case "failed":
        await db
          .update(mails)
          .set({ status: "failed", lockedUntil: null, lastError: outcome.reason })
          .where(eq(mails.id, mail.id));
        logger.error({ ...log, reason: outcome.reason }, "mail refused permanently");
        return;
      case "retry": {
        const delay = retryDelay(mail.attempts, options.retryBaseMs, options.retryMaxMs);
        await db
          .update(mails)
          .set({
            lockedUntil: null,
            lastError: outcome.reason,
            nextAttemptAt: sql`now() + make_interval(secs => ${delay / 1000})`,
          })
          .where(eq(mails.id, mail.id));
        logger.warn({ ...log, reason: outcome.reason, retryInMs: delay }, "mail not sent; will retry");
      }
    }
  }

  const job = periodicJob("mail-sender", {
    intervalMs: options.pollMs,
    logger,
    pass: async () => {
      for (;;) {
        const batch = await claim();
        await Promise.all(batch.map((m) => deliver(m)));
        if (batch.length < batchSize || job.stopped()) return;
      }
    },
  });
  return {
    ...job,
    async stop() {
      await job.stop();
      options.sender.close();
    },
  };
}
