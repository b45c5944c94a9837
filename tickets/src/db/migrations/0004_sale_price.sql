ALTER TABLE "ticket_orders" ADD COLUMN "price_cents" integer;--> statement-breakpoint
ALTER TABLE "ticket_orders" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sale_price_cents" integer;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sale_currency" text;