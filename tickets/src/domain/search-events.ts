import type { Executor } from "@m-ticketing/common";
import { priceInput } from "@m-ticketing/common";
import { and, asc, desc, getTableColumns, gt, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { events } from "../db/schema";
import { cappedCount } from "./capped-count";
import type { EventRow } from "./event-view";

export const eventSorts = ["relevance", "date", "price_asc"] as const;

const day = z.iso
  .date("must be a date, e.g. 2030-05-01")
  .or(z.iso.datetime({ offset: true, message: "must be a date or an ISO 8601 date-time" }));

/** `GET /api/events?q=&city=&from=&to=&minPrice=&maxPrice=&available=&sort=&page=&limit=` */
export const eventQuery = z.object({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  city: z.string().trim().max(80, "must be at most 80 characters").optional(),
  from: day.optional(),
  to: day.optional(),
  minPrice: priceInput.optional(),
  maxPrice: priceInput.optional(),
  /** Only events with at least one available listing (the home page, the buyer's search). */
  available: z.enum(["true", "false"]).optional(),
  sort: z.enum(eventSorts).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export type EventQuery = z.infer<typeof eventQuery>;

/**
 * The words of a query as a prefix tsquery: "Ajax  feyenoord!" → `ajax:* & feyenoord:*`.
 * Only letters and digits survive, so nothing a user types is tsquery syntax. At most 8 words.
 */
export function prefixQuery(q: string | undefined): string | undefined {
  const words = (q ?? "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((word) => `${word}:*`).join(" & ") : undefined;
}

/** A `from` day starts at 00:00 UTC; a `to` day includes the whole of it. Date-times are taken as they are. */
function fromBound(value: string): SQL {
  return gte(events.startsAt, new Date(value.length > 10 ? value : `${value}T00:00:00Z`));
}
function toBound(value: string): SQL {
  if (value.length > 10) return lte(events.startsAt, new Date(value));
  return lt(events.startsAt, new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000));
}

/**
 * Upcoming events matching the query, ranked by relevance (when words are given) then
 * start time. Every filter is index-backed: the GIN full-text index for words, the
 * (starts_at) indexes for the rest; the total is counted up to TOTAL_CAP only.
 */
export async function searchEvents(
  db: Executor,
  query: EventQuery,
): Promise<{ events: EventRow[]; total: number; totalCapped: boolean }> {
  const tsquery = prefixQuery(query.q);
  const match = tsquery ? sql`to_tsquery('simple', immutable_unaccent(${tsquery}))` : undefined;
  const priced = query.minPrice !== undefined || query.maxPrice !== undefined || query.available === "true";
  const where = and(
    // Past events never appear: a started event has nothing left to sell.
    gt(events.startsAt, sql`now()`),
    match ? sql`search_vector @@ ${match}` : undefined,
    query.city ? sql`immutable_unaccent(lower(${events.city})) = immutable_unaccent(lower(${query.city}))` : undefined,
    query.from ? fromBound(query.from) : undefined,
    query.to ? toBound(query.to) : undefined,
    priced ? gt(events.availableCount, 0) : undefined,
    query.minPrice !== undefined ? gte(events.minPriceCents, query.minPrice) : undefined,
    query.maxPrice !== undefined ? lte(events.minPriceCents, query.maxPrice) : undefined,
  );
  const sort = query.sort ?? (match ? "relevance" : "date");
  const orderBy: SQL[] =
    sort === "price_asc"
      ? [sql`${events.minPriceCents} asc nulls last`, asc(events.startsAt), asc(events.id)]
      : sort === "relevance" && match
        ? [desc(sql`ts_rank(search_vector, ${match})`), asc(events.startsAt), asc(events.id)]
        : [asc(events.startsAt), asc(events.id)];

  const [rows, counted] = await Promise.all([
    db
      .select(getTableColumns(events))
      .from(events)
      .where(where)
      .orderBy(...orderBy)
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    cappedCount(db, events, where),
  ]);
  return { events: rows, ...counted };
}
