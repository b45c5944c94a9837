import type { Executor } from "@m-ticketing/common";
import { priceInput } from "@m-ticketing/common";
import { and, asc, getTableColumns, gt, gte, lt, lte, type SQL, sql } from "drizzle-orm";
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

/** The words of a query, lower case, letters and digits only (nothing a user types is tsquery syntax), at most 8. */
function queryWords(q: string | undefined): string[] {
  return (q ?? "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}

/** The words of a query as a prefix tsquery: "Ajax  feyenoord!" → `ajax:* & feyenoord:*`. */
export function prefixQuery(q: string | undefined): string | undefined {
  const words = queryWords(q);
  return words.length ? words.map((word) => `${word}:*`).join(" & ") : undefined;
}

/** The same words as whole words: "Ajax feyenoord" → `ajax & feyenoord`. */
export function wholeWordQuery(q: string | undefined): string | undefined {
  const words = queryWords(q);
  return words.length ? words.join(" & ") : undefined;
}

/** A `from` day starts at 00:00 UTC; a `to` day includes the whole of it. Date-times are taken as they are. */
function fromBound(value: string): SQL {
  return gte(events.startsAt, new Date(value.length > 10 ? value : `${value}T00:00:00Z`));
}
function toBound(value: string): SQL {
  if (value.length > 10) return lte(events.startsAt, new Date(value));
  return lt(events.startsAt, new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000));
}

const tsQuery = (text: string) => sql`to_tsquery('simple', immutable_unaccent(${text}))`;
const byDate = [asc(events.startsAt), asc(events.id)];

/**
 * Upcoming events matching the query. Relevance (the default with words): events where every
 * word is a whole word come before those where some word only matched as a prefix, then by
 * start time. Both tiers are read in start-time order and stop at the page's end, so a short
 * prefix that matches a tenth of all events ("artist5" → Artist50…Artist599) costs a page,
 * not a ranking of every match (ts_rank did that: p99 ×2.1 from 10k to 1M listings in bench
 * B9). Every filter is index-backed: the GIN full-text index for words, the (starts_at)
 * indexes for the rest; the total is counted up to TOTAL_CAP only.
 */
export async function searchEvents(
  db: Executor,
  query: EventQuery,
): Promise<{ events: EventRow[]; total: number; totalCapped: boolean }> {
  const prefixes = prefixQuery(query.q);
  const match = prefixes ? tsQuery(prefixes) : undefined;
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
  const offset = (query.page - 1) * query.limit;
  const select = (extra: SQL | undefined, orderBy: SQL[], limit: number, skip = 0) =>
    db
      .select(getTableColumns(events))
      .from(events)
      .where(and(where, extra))
      .orderBy(...orderBy)
      .limit(limit)
      .offset(skip);

  const counting = cappedCount(db, events, where);
  if (sort === "relevance" && match) {
    const whole = wholeWordQuery(query.q) as string;
    const [wholeWords, anyPrefix, counted] = await Promise.all([
      select(sql`search_vector @@ ${tsQuery(whole)}`, byDate, offset + query.limit),
      select(undefined, byDate, offset + query.limit),
      counting,
    ]);
    return { events: relevanceTiers(wholeWords, anyPrefix).slice(offset, offset + query.limit), ...counted };
  }
  const orderBy: SQL[] = sort === "price_asc" ? [sql`${events.minPriceCents} asc nulls last`, ...byDate] : byDate;
  const [rows, counted] = await Promise.all([select(undefined, orderBy, query.limit, offset), counting]);
  return { events: rows, ...counted };
}

/**
 * The first n of "whole-word matches by date, then the other matches by date", given the
 * first n of each by date (`anyPrefix` includes whole-word matches too: they are dropped there).
 */
function relevanceTiers(wholeWords: EventRow[], anyPrefix: EventRow[]): EventRow[] {
  const first = new Set(wholeWords.map((event) => event.id));
  return [...wholeWords, ...anyPrefix.filter((event) => !first.has(event.id))];
}
