import { type Executor, periodicJob, type ServiceResource } from "@m-ticketing/common";
import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import { orders } from "../db/schema";
import { mailCatalogue, money } from "../domain/mail-catalogue";
import { type MailSettings, queueMail } from "../domain/mail-queue";
import { findUser, requireTicket } from "../domain/replicas";

export interface ReminderOptions {
  db: Executor;
  mail: MailSettings;
  logger: Logger;
  /** Remind this long before `expiresAt`. */
  leadSeconds: number;
  intervalMs: number;
}

/**
 * "Your reservation ends in N minutes": for every unpaid order whose deadline is within the lead
 * time and not yet past, once (`reminded_at`, set in the transaction that queues the mail; the
 * mail's key `reminder:<orderId>` makes a second one impossible anyway). Skipped for users who
 * turned reminders off. An order paid or cancelled before the round is no longer `created`.
 */
export function reservationReminders(options: ReminderOptions): ServiceResource {
  const { db, logger } = options;
  async function remindOne(): Promise<boolean> {
    return db.transaction(async (tx) => {
      const [order] = await tx
        .select()
        .from(orders)
        .where(
          sql`${orders.status} = 'created' and ${orders.remindedAt} is null and ${orders.expiresAt} > now()
              and ${orders.expiresAt} <= now() + make_interval(secs => ${options.leadSeconds})`,
        )
        .limit(1)
        .for("update", { skipLocked: true });
      if (!order) return false;
      await tx.update(orders).set({ remindedAt: new Date() }).where(sql`${orders.id} = ${order.id}`);
      const buyer = await findUser(tx, order.buyerId);
      if (!buyer) return true;
      const ticket = await requireTicket(tx, order.ticketId).catch(() => undefined);
      const minutesLeft = Math.max(1, Math.ceil((order.expiresAt.getTime() - Date.now()) / 60_000));
      await queueMail(tx, options.mail, {
        sourceKey: `reminder:${order.id}`,
        to: buyer,
        kind: "reservation-expiring",
        category: "reminder",
        content: mailCatalogue["reservation-expiring"](options.mail, {
          name: buyer.name,
          orderId: order.id,
          title: ticket?.title ?? "your ticket",
          price: money(order.priceCents, order.currency),
          minutesLeft,
        }),
      });
      return true;
    });
  }

  const job = periodicJob("reservation-reminders", {
    intervalMs: options.intervalMs,
    logger,
    pass: async () => {
      while (!job.stopped() && (await remindOne()));
    },
  });
  return job;
}
