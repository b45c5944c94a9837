-- Substring search over title, venue and description (ILIKE '%q%') stays fast with many
-- listings through a trigram index on the same expression the query uses (schema.ts
-- `searchText`). drizzle-kit cannot express extensions or operator classes, hence by hand.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "tickets_search_trgm_idx" ON "tickets" USING gin ((title || ' ' || venue || ' ' || coalesce(description, '')) gin_trgm_ops);
