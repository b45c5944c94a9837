import { type Executor, type Logger, periodicJob } from "@m-ticketing/common";
import { sql } from "drizzle-orm";
import { endUnpaidOrder } from "../domain/change-order-status";

/**
 * Cancels orders still awaiting payment when their event has started, like expired ones
 * (`order.cancelled`, reason `event_started`): a ticket is useless once the doors open, so
 * the buyer must not pay for it. Each order is cancelled in its own transaction; `SKIP
 * LOCKED` lets every replica run the job without two of them taking the same order.
 * Returns how many orders it cancelled.
 */
export async function cancelOrdersOfStartedEvents(db: Executor, batch = 100): Promise<number> {
  let cancelled = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const due = await tx.execute<{ id: string }>(sql`
        select o.id from orders o join tickets t on t.id = o.ticket_id
        where o.status = 'created' and t.starts_at <= now()
        limit ${batch} for update of o skip locked`);
      for (const { id } of due.rows) if (await endUnpaidOrder(tx, id, "event_started")) cancelled++;
      return due.rows.length < batch;
    });
    if (done) return cancelled;
  }
}

/** Runs `cancelOrdersOfStartedEvents` every `intervalMs` while the service runs. */
export function eventStartJob(db: Executor, logger: Logger, intervalMs: number) {
  return periodicJob("event-start-job", {
    intervalMs,
    logger,
    pass: async () => {
      const n = await cancelOrdersOfStartedEvents(db);
      if (n > 0) logger.info({ cancelled: n }, "cancelled unpaid orders of events that started");
    },
  });
}
