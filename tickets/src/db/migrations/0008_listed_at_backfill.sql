-- Listings with their ticket attached are listed since the upload; reserved or sold ones were
-- already announced and bought. Available listings without a file stay hidden until the seller
-- attaches it.
UPDATE "tickets" t SET "listed_at" = f."uploaded_at" FROM "ticket_files" f WHERE f."ticket_id" = t."id";--> statement-breakpoint
UPDATE "tickets" SET "listed_at" = "created_at" WHERE "listed_at" IS NULL AND "status" IN ('reserved', 'sold');--> statement-breakpoint
UPDATE "events" e SET "available_count" = s.n, "min_price_cents" = s.lowest
FROM (
  SELECT "event_id", count(*) FILTER (WHERE "status" = 'available' AND "listed_at" IS NOT NULL)::int AS n,
         min("price_cents") FILTER (WHERE "status" = 'available' AND "listed_at" IS NOT NULL) AS lowest
  FROM "tickets" WHERE "event_id" IS NOT NULL GROUP BY "event_id"
) s
WHERE e."id" = s."event_id";
