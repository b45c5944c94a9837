import type { EventData, Executor } from "@m-ticketing/common";
import { and, eq, inArray, sql } from "drizzle-orm";
import { sellers, tickets } from "../db/schema";

type UserSnapshot = EventData<"user.created">["user"];

/**
 * A `user.*` event's snapshot into the sellers replica: inserted, or replacing the stored
 * one unless that is newer (auth's `updatedAt`; a snapshot without it replaces only one
 * without it either). The e-mail address is not kept: buyers never see it.
 */
export async function applyUserSnapshot(tx: Executor, user: UserSnapshot): Promise<void> {
  const row = {
    id: user.id,
    name: user.name,
    photoUrl: user.photoUrl ?? null,
    emailVerified: user.emailVerified,
    memberSince: user.createdAt ? new Date(user.createdAt) : null,
    updatedAt: user.updatedAt ? new Date(user.updatedAt) : null,
  };
  await tx
    .insert(sellers)
    .values(row)
    .onConflictDoUpdate({
      target: sellers.id,
      set: {
        name: row.name,
        // A snapshot from before photos were carried says nothing about the photo.
        photoUrl: user.photoUrl === undefined ? sql`${sellers.photoUrl}` : row.photoUrl,
        emailVerified: row.emailVerified,
        memberSince: sql`coalesce(${user.createdAt ?? null}::timestamptz, ${sellers.memberSince})`,
        updatedAt: row.updatedAt,
      },
      setWhere: sql`${sellers.updatedAt} is null or ${user.updatedAt ?? null}::timestamptz >= ${sellers.updatedAt}`,
    });
}

/** What buyers see of a seller next to a listing. */
export interface SellerSummary {
  id: string;
  name: string;
  photoUrl: string | null;
  verified: boolean;
  memberSince: string | null;
  ticketsSold: number;
}

/**
 * The summaries of `ids` (unknown ones left out): the replica's profile and how many of
 * their tickets were sold here.
 */
export async function sellerSummaries(db: Executor, ids: string[]): Promise<SellerSummary[]> {
  if (ids.length === 0) return [];
  const [profiles, sold] = await Promise.all([
    db.select().from(sellers).where(inArray(sellers.id, ids)),
    db
      .select({ userId: tickets.userId, count: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(inArray(tickets.userId, ids), eq(tickets.status, "sold")))
      .groupBy(tickets.userId),
  ]);
  const soldBy = new Map(sold.map((s) => [s.userId, s.count]));
  return profiles.map((p) => ({
    id: p.id,
    name: p.name,
    photoUrl: p.photoUrl,
    verified: p.emailVerified,
    memberSince: p.memberSince?.toISOString() ?? null,
    ticketsSold: soldBy.get(p.id) ?? 0,
  }));
}
