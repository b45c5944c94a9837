import type { TicketSort } from "./api-types";

const SORTS: readonly TicketSort[] = ["newest", "price_asc", "price_desc", "event_date"];

export const PAGE_SIZE = 12;

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** The browse page's query string made safe: a hand-edited URL never reaches the API as a 400. */
export function parseBrowseQuery(params: SearchParams): { q: string; sort: TicketSort; page: number } {
  const q = first(params.q).trim().slice(0, 100);
  const sortRaw = first(params.sort);
  const sort = (SORTS as readonly string[]).includes(sortRaw) ? (sortRaw as TicketSort) : "newest";
  const pageRaw = Number.parseInt(first(params.page), 10);
  const page = Number.isFinite(pageRaw) && pageRaw >= 1 && pageRaw <= 10_000 ? pageRaw : 1;
  return { q, sort, page };
}

/** The query string of GET /api/tickets (and /api/tickets/mine). */
export function ticketsApiQuery({ q, sort, page }: { q: string; sort: TicketSort; page: number }): string {
  const search = new URLSearchParams({ page: String(page), limit: String(PAGE_SIZE), sort });
  if (q) search.set("q", q);
  return search.toString();
}
