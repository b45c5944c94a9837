import { type Executor, LIMITS, uuidField } from "@m-ticketing/common";
import { and, asc, desc, eq, gt, isNotNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { searchText, tickets } from "../db/schema";
import { cappedCount } from "./capped-count";
import type { TicketRow } from "./ticket-view";

export const ticketSorts = ["newest", "price_asc", "price_desc", "event_date"] as const;

/** `?eventId=&q=&page=&limit=&sort=` of the listing endpoints. */
export const listQuery = z.object({
  eventId: uuidField("an event id").optional(),
  q: z.string().trim().max(LIMITS.searchMax, `must be at most ${LIMITS.searchMax} characters`).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(ticketSorts).default("newest"),
});

export type ListQuery = z.infer<typeof listQuery>;

// Each order ends with the id so pages never overlap or skip rows that tie.
const orderBy: Record<ListQuery["sort"], SQL[]> = {
  newest: [desc(tickets.createdAt), desc(tickets.id)],
  price_asc: [asc(tickets.priceCents), asc(tickets.id)],
  price_desc: [desc(tickets.priceCents), desc(tickets.id)],
  event_date: [asc(tickets.eventDate), asc(tickets.id)],
};

/** `%`, `_` and `\` in what a user types are literal characters, not LIKE wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface TicketFilter {
  /** Only listings a buyer can order (the public list): available, ticket attached, event not started. */
  availableOnly?: boolean;
  /** Only this seller's listings (their own page). */
  sellerId?: string;
}

/**
 * One page of tickets matching the filter and search, plus how many match, counted up to
 * TOTAL_CAP (`totalCapped` says there are more): never a count over every listing.
 */
export async function listTickets(
  db: Executor,
  filter: TicketFilter,
  query: ListQuery,
): Promise<{ tickets: TicketRow[]; total: number; totalCapped: boolean }> {
  const where = and(
    filter.availableOnly ? eq(tickets.status, "available") : undefined,
    // Buyers see a listing only once its ticket is attached.
    filter.availableOnly ? isNotNull(tickets.listedAt) : undefined,
    // A listing stops being available when its event starts.
    filter.availableOnly ? gt(tickets.eventDate, sql`now()`) : undefined,
    query.eventId ? eq(tickets.eventId, query.eventId) : undefined,
    filter.sellerId ? eq(tickets.userId, filter.sellerId) : undefined,
    query.q ? sql`${searchText} ilike ${likePattern(query.q)}` : undefined,
  );
  const [rows, counted] = await Promise.all([
    db
      .select()
      .from(tickets)
      .where(where)
      .orderBy(...orderBy[query.sort])
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    cappedCount(db, tickets, where),
  ]);
  return { tickets: rows, ...counted };
}
