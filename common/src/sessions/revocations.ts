import { eq, sql } from "drizzle-orm";
import type { PgDatabase } from "drizzle-orm/pg-core";
import { sessionRevocations } from "../db/schema";
import type { EventEnvelope } from "../events";
import type { EventHandler } from "../messaging/listener";

/** Smallest token version still valid for a user; tokens below it are signed out. */
export type TokenVersionLookup = (userId: string) => Promise<number>;

// biome-ignore lint/suspicious/noExplicitAny: works with any service's schema
type AnyDb = PgDatabase<any, any, any>;

/** Reads the latest `user.sessions-revoked` version this service has seen (0 when none). */
export function revocationLookup(db: AnyDb): TokenVersionLookup {
  return async (userId) => {
    const rows = await db
      .select({ tokenVersion: sessionRevocations.tokenVersion })
      .from(sessionRevocations)
      .where(eq(sessionRevocations.userId, userId));
    return rows[0]?.tokenVersion ?? 0;
  };
}

/**
 * Keeps the revocation table from auth's `user.sessions-revoked` events. Versions only
 * grow, so an old or redelivered event never re-enables a revoked token.
 */
export const applySessionsRevoked: EventHandler<"user.sessions-revoked"> = async (
  event: EventEnvelope<"user.sessions-revoked">,
  tx,
) => {
  await tx
    .insert(sessionRevocations)
    .values({ userId: event.data.userId, tokenVersion: event.data.tokenVersion })
    .onConflictDoUpdate({
      target: sessionRevocations.userId,
      set: { tokenVersion: sql`greatest(${sessionRevocations.tokenVersion}, excluded.token_version)` },
    });
};
