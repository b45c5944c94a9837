import { eq, lt, sql } from "drizzle-orm";
import type { PgDatabase } from "drizzle-orm/pg-core";
import { revokedSessions, sessionRevocations } from "../db/schema";
import type { EventEnvelope } from "../events";
import { type EventHandler, RefusedEventError } from "../messaging/listener";
import { revocationSignatureValid } from "./revocation-signature";

/** Smallest token version still valid for a user; tokens below it are signed out. */
export type TokenVersionLookup = (userId: string) => Promise<number>;

/** Whether one session (the `sid` of its token) was signed out. */
export type RevokedSessionLookup = (sessionId: string) => Promise<boolean>;

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

/** Reads the sessions signed out one by one (auth writes its own rows, the others learn them from events). */
export function revokedSessionLookup(db: AnyDb): RevokedSessionLookup {
  return async (sessionId) => {
    const rows = await db
      .select({ sessionId: revokedSessions.sessionId })
      .from(revokedSessions)
      .where(eq(revokedSessions.sessionId, sessionId));
    return rows.length > 0;
  };
}

/** Records one signed-out session; rows of sessions that have expired by themselves are dropped on the way. */
export async function recordRevokedSession(
  tx: AnyDb,
  session: { sessionId: string; userId: string; expiresAt: Date },
): Promise<void> {
  await tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
  await tx.insert(revokedSessions).values(session).onConflictDoNothing();
}

/**
 * Keeps the revocation tables from auth's `user.sessions-revoked` events. A revocation
 * auth did not sign is refused (dead-lettered): nobody else can lock a user out by
 * raising their token version. Versions only grow, so an old or redelivered event never
 * re-enables a revoked token.
 */
export function sessionsRevokedHandler(jwtKey: string): EventHandler<"user.sessions-revoked"> {
  return async (event: EventEnvelope<"user.sessions-revoked">, tx) => {
    const { data } = event;
    if (!revocationSignatureValid(data, jwtKey)) {
      throw new RefusedEventError(`user.sessions-revoked for ${data.userId} is not signed by auth`);
    }
    if (data.sessionId && data.expiresAt) {
      await recordRevokedSession(tx, {
        sessionId: data.sessionId,
        userId: data.userId,
        expiresAt: new Date(data.expiresAt),
      });
      return;
    }
    if (data.tokenVersion === undefined) return;
    await tx
      .insert(sessionRevocations)
      .values({ userId: data.userId, tokenVersion: data.tokenVersion })
      .onConflictDoUpdate({
        target: sessionRevocations.userId,
        set: { tokenVersion: sql`greatest(${sessionRevocations.tokenVersion}, excluded.token_version)` },
      });
  };
}
