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

/** Whether a session is still valid in a service other than auth: one query answers both checks. */
export type SessionCheck = (
  userId: string,
  sessionId: string,
) => Promise<{ minTokenVersion: number; revoked: boolean }>;

/**
 * How long a service other than auth answers "is this session still valid?" from memory
 * (SESSION_CHECK_CACHE_MS). It adds at most this much to the revocation delay (README,
 * Sessions): those services learn revocations from events anyway, and the replica that
 * applies a revocation forgets its cached answer at once. Auth never caches.
 */
export const SESSION_CHECK_CACHE_MS = 5000;
const SESSION_CHECK_CACHE_MAX = 50_000;

export interface CachedSessionCheck {
  check: SessionCheck;
  /** Drops the cached answers of a user (a revocation was applied here). */
  forget(userId: string): void;
}

/**
 * The session check of every service except auth: `session_revocations` and
 * `revoked_sessions` read in one query, the answer kept per (user, session) for `ttlMs`.
 * Lookups in flight are shared, so a burst of one user's requests costs one query.
 */
export function cachedSessionCheck(db: AnyDb, ttlMs = SESSION_CHECK_CACHE_MS): CachedSessionCheck {
  type Answer = { minTokenVersion: number; revoked: boolean };
  const cache = new Map<string, { userId: string; at: number; answer: Promise<Answer> }>();
  const read = async (userId: string, sessionId: string): Promise<Answer> => {
    const { rows } = await db.execute<{ min_token_version: number | null; revoked: boolean }>(
      sql`select (select ${sessionRevocations.tokenVersion} from ${sessionRevocations} where ${sessionRevocations.userId} = ${userId}) as min_token_version,
                 exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${sessionId}) as revoked`,
    );
    return { minTokenVersion: Number(rows[0]?.min_token_version ?? 0), revoked: Boolean(rows[0]?.revoked) };
  };
  return {
    check(userId, sessionId) {
      if (ttlMs <= 0) return read(userId, sessionId);
      const key = `${userId}:${sessionId}`;
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && now - hit.at < ttlMs) return hit.answer;
      // Oldest first (insertion order): the bound keeps memory flat under many users.
      if (cache.size >= SESSION_CHECK_CACHE_MAX) cache.delete(cache.keys().next().value as string);
      const answer = read(userId, sessionId);
      const entry = { userId, at: now, answer };
      cache.delete(key);
      cache.set(key, entry);
      answer.catch(() => {
        if (cache.get(key) === entry) cache.delete(key);
      });
      return answer;
    },
    forget(userId) {
      for (const [key, entry] of cache) if (entry.userId === userId) cache.delete(key);
    },
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
export function sessionsRevokedHandler(
  jwtKey: string,
  applied: (userId: string) => void = () => {},
): EventHandler<"user.sessions-revoked"> {
  return async (event: EventEnvelope<"user.sessions-revoked">, tx) => {
    const { data } = event;
    if (!revocationSignatureValid(data, jwtKey)) {
      throw new RefusedEventError(`user.sessions-revoked for ${data.userId} is not signed by auth`);
    }
    applied(data.userId);
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
