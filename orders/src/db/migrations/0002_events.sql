CREATE TYPE "public"."cancellation_reason" AS ENUM('buyer', 'expired', 'event_started');--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cancellation_reason" "cancellation_reason";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "event_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "starts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "withdrawn" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "orders_awaiting_payment_idx" ON "orders" USING btree ("ticket_id") WHERE status = 'created';--> statement-breakpoint
CREATE INDEX "tickets_starts_at_idx" ON "tickets" USING btree ("starts_at");