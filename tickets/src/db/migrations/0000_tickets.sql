CREATE TYPE "public"."order_status" AS ENUM('created', 'cancelled', 'complete');--> statement-breakpoint
CREATE TYPE "public"."ticket_status" AS ENUM('available', 'reserved', 'sold');--> statement-breakpoint
CREATE TABLE "ticket_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"status" "order_status" NOT NULL,
	"version" integer NOT NULL,
	"placed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"description" text,
	"event_date" timestamp with time zone NOT NULL,
	"venue" text NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "ticket_status" DEFAULT 'available' NOT NULL,
	"order_id" uuid,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ticket_orders_ticket_idx" ON "ticket_orders" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "tickets_status_created_idx" ON "tickets" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_status_price_idx" ON "tickets" USING btree ("status","price_cents","id");--> statement-breakpoint
CREATE INDEX "tickets_status_event_date_idx" ON "tickets" USING btree ("status","event_date","id");--> statement-breakpoint
CREATE INDEX "tickets_user_created_idx" ON "tickets" USING btree ("user_id","created_at","id");