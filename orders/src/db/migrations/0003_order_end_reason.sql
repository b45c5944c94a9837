-- The buyer's cancellation is named as the API names it; existing rows keep their meaning.
ALTER TYPE "public"."cancellation_reason" RENAME VALUE 'buyer' TO 'cancelled_by_buyer';--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "refunded_at" timestamp with time zone;
