/**
 * The public listing pages (`GET /api/tickets?…`, the same for every visitor) kept as their
 * JSON text for at most LISTING_CACHE_MS (1 s): listing reads dominate traffic, and at an
 * on-sale thousands of visitors ask for the same few pages each second. Staleness is
 * bounded twice: this replica forgets every page as soon as it changes a listing (a write
 * through its API, or an order event applied to a ticket), and any page is at most the TTL
 * old, which bounds what another replica's change takes to show here. A stale page never
 * sells anything: orders decides availability on its own.
 */
export class ListingCache {
  private readonly pages = new Map<string, { at: number; json: Promise<string> }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxPages = 500,
  ) {}

  /** The page for `key`, computed once per TTL; concurrent misses share one computation. */
  async get(key: string, compute: () => Promise<unknown>): Promise<string> {
    if (this.ttlMs <= 0) return JSON.stringify(await compute());
    const now = Date.now();
    const hit = this.pages.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.json;
    if (this.pages.size >= this.maxPages) this.pages.clear();
    const generation = this.generation;
    const json = compute().then((page) => JSON.stringify(page));
    const entry = { at: now, json };
    this.pages.set(key, entry);
    json.then(
      () => {
        // A change while it was read: the page may predate it; do not keep it.
        if (generation !== this.generation && this.pages.get(key) === entry) this.pages.delete(key);
      },
      () => {
        if (this.pages.get(key) === entry) this.pages.delete(key);
      },
    );
    return json;
  }

  /** A listing changed here: every cached page may be out of date. */
  clear(): void {
    this.generation++;
    this.pages.clear();
  }
}
