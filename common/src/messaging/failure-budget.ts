import { sql } from "drizzle-orm";
import type { AnyDatabase } from "../db/database";
import { consumerFailures } from "../db/schema";

export type FailureKind = "failure" | "wait";

/**
 * Counts how often one event failed in one consumer. `record` returns the count of that
 * kind including this one, or null when it could not be recorded: then the database is
 * unreachable, and the failure was the infrastructure's, not the handler's.
 */
export interface FailureBudget {
  record(eventId: string, kind: FailureKind, err: unknown): Promise<number | null>;
  clear(eventId: string): Promise<void>;
}

const errorText = (err: unknown) => String((err as Error)?.message ?? err).slice(0, 2000);

/** Shared by every replica and kept across restarts: the consumer_failures table. */
export function databaseBudget(db: AnyDatabase, consumer: string): FailureBudget {
  return {
    async record(eventId, kind, err) {
      const failures = kind === "failure" ? 1 : 0;
      const waits = kind === "wait" ? 1 : 0;
      try {
        const [row] = await db
          .insert(consumerFailures)
          .values({ consumer, eventId, failures, waits, lastError: errorText(err) })
          .onConflictDoUpdate({
            target: [consumerFailures.consumer, consumerFailures.eventId],
            set: {
              failures: sql`${consumerFailures.failures} + ${failures}`,
              waits: sql`${consumerFailures.waits} + ${waits}`,
              lastError: errorText(err),
              updatedAt: sql`now()`,
            },
          })
          .returning({ failures: consumerFailures.failures, waits: consumerFailures.waits });
        return kind === "failure" ? (row?.failures ?? failures) : (row?.waits ?? waits);
      } catch {
        return null;
      }
    },
    async clear(eventId) {
      await db
        .delete(consumerFailures)
        .where(sql`${consumerFailures.consumer} = ${consumer} and ${consumerFailures.eventId} = ${eventId}`)
        .catch(() => {}); // a leftover row only matters if the event comes again; pruned later
    },
  };
}

/**
 * For consumers without a database (expiration): counted per process. Their handlers'
 * infrastructure errors are recognised by their codes (isTransientInfrastructureError).
 */
export function memoryBudget(): FailureBudget {
  const counts = new Map<string, Record<FailureKind, number>>();
  return {
    async record(eventId, kind) {
      const entry = counts.get(eventId) ?? { failure: 0, wait: 0 };
      entry[kind]++;
      counts.set(eventId, entry);
      if (counts.size > 10_000) counts.delete(counts.keys().next().value as string);
      return entry[kind];
    },
    async clear(eventId) {
      counts.delete(eventId);
    },
  };
}
