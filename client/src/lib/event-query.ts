// The search page's filters, read from and written to the URL: the state of a search lives
// in its address, so back, reload, sharing and the event page's breadcrumb all keep it.

type SearchParams = Record<string, string | string[] | undefined>;

export interface EventFilters {
  q: string;
  city: string;
  from: string;
  to: string;
  minPrice: string;
  maxPrice: string;
  page: number;
}

export const EVENT_PAGE_SIZE = 12;

const first = (value: string | string[] | undefined) => ((Array.isArray(value) ? value[0] : value) ?? "").trim();
const date = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "");
const price = (value: string) => (/^\d{1,7}(\.\d{1,2})?$/.test(value) && Number(value) > 0 ? value : "");

/** The filters of a URL made safe: a hand-edited address never reaches the API as a 400. */
export function parseEventFilters(params: SearchParams): EventFilters {
  const page = Number.parseInt(first(params.page), 10);
  return {
    q: first(params.q).slice(0, 100),
    city: first(params.city).slice(0, 80),
    from: date(first(params.from)),
    to: date(first(params.to)),
    minPrice: price(first(params.minPrice)),
    maxPrice: price(first(params.maxPrice)),
    page: Number.isFinite(page) && page >= 1 && page <= 500 ? page : 1,
  };
}

/** The filters that are set, as URL parameters (page left out): for links that keep the search. */
export function filterParams(filters: EventFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["q", "city", "from", "to", "minPrice", "maxPrice"] as const) {
    if (filters[key]) out[key] = filters[key];
  }
  return out;
}

/** The query string of GET /api/events for a buyer's search: upcoming events with tickets. */
export function eventsApiQuery(filters: EventFilters): string {
  const search = new URLSearchParams({
    ...filterParams(filters),
    available: "true",
    page: String(filters.page),
    limit: String(EVENT_PAGE_SIZE),
  });
  return search.toString();
}

/** Where "back to results" goes from an event page opened from a search (`?back=<query>`). */
export function searchHref(back: string): string | null {
  if (!back) return null;
  const params = new URLSearchParams(back);
  const kept = filterParams(parseEventFilters(Object.fromEntries(params)));
  const page = parseEventFilters(Object.fromEntries(params)).page;
  const query = new URLSearchParams({ ...kept, ...(page > 1 ? { page: String(page) } : {}) }).toString();
  return `/search${query ? `?${query}` : ""}`;
}
