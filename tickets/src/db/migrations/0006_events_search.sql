-- Event search (domain/search-events.ts): every word typed must prefix-match a word of the
-- name, venue or city, accents and case ignored. A stored tsvector over the unaccented text
-- with a GIN index answers that with `to_tsquery('simple', 'word:* & …')`. unaccent() is
-- only STABLE (its dictionary could change), so generated columns and indexes use an
-- IMMUTABLE wrapper that names the dictionary explicitly. drizzle-kit cannot express
-- extensions, functions or generated tsvector columns, hence by hand.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', immutable_unaccent(name || ' ' || venue || ' ' || city))) STORED;--> statement-breakpoint
CREATE INDEX "events_search_idx" ON "events" USING gin ("search_vector");--> statement-breakpoint
-- The city filter compares unaccented lower case (`?city=zurich` finds Zürich).
CREATE INDEX "events_city_idx" ON "events" (immutable_unaccent(lower(city)), "starts_at");--> statement-breakpoint
-- The home page and price filters: upcoming events that have something to buy.
CREATE INDEX "events_available_starts_at_idx" ON "events" ("starts_at", "id") WHERE available_count > 0;--> statement-breakpoint
-- The seller's event picker also matches names by trigram similarity when a word is mistyped.
CREATE INDEX "events_name_trgm_idx" ON "events" USING gin (immutable_unaccent(lower(name)) gin_trgm_ops);
