import { type Executor, LIMITS } from "@m-ticketing/common";
import { and, asc, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { searchText, tickets } from "../db/schema";
import type { TicketRow } from "./ticket-view";

export const ticketSorts = ["newest", "price_asc", "price_desc", "event_date"] as const;

/** `?q=&page=&limit=&sort=` of the listing endpoints. */
export const listQuery = z.object({
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
  /** Only listings a buyer can order (the public list). */
  availableOnly?: boolean;
  /** Only this seller's listings (their own page). */
  sellerId?: string;
}

/** One page of tickets matching the filter and search, plus how many match in total. */
export async function listTickets(
  db: Executor,
  filter: TicketFilter,
  query: ListQuery,
): Promise<{ tickets: TicketRow[]; total: number }> {
  const where = and(
    filter.availableOnly ? eq(tickets.status, "available") : undefined,
    filter.sellerId ? eq(tickets.userId, filter.sellerId) : undefined,
    query.q ? sql`${searchText} ilike ${likePattern(query.q)}` : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(tickets)
      .where(where)
      .orderBy(...orderBy[query.sort])
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    db.select({ total: count() }).from(tickets).where(where),
  ]);
  return { tickets: rows, total: counted?.total ?? 0 };
}
