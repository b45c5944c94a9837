CREATE TABLE "ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"paypal_email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"payment_id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"seller_id" uuid,
	"buyer_id" uuid NOT NULL,
	"ticket_id" uuid,
	"title" text,
	"event_starts_at" timestamp with time zone,
	"currency" text NOT NULL,
	"price" integer NOT NULL,
	"buyer_fee" integer NOT NULL,
	"seller_fee" integer NOT NULL,
	"amount_due" integer NOT NULL,
	"payable_at" timestamp with time zone,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sender_batch_id" text,
	"sender_item_id" text,
	"paypal_batch_id" text,
	"paypal_item_id" text,
	"payout_status" text,
	"paid_to" text,
	"failure_reason" text,
	"lease_until" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "seller_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "event_starts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "price" integer;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "buyer_fee" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "seller_fee" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "paypal_orders" ADD COLUMN "price" integer;--> statement-breakpoint
ALTER TABLE "paypal_orders" ADD COLUMN "buyer_fee" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "paypal_orders" ADD COLUMN "seller_fee" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "ledger_payment_idx" ON "ledger" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_movement_uq" ON "ledger" USING btree ("payment_id","kind","reference");--> statement-breakpoint
CREATE INDEX "sales_seller_idx" ON "sales" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE INDEX "sales_order_idx" ON "sales" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "sales_due_idx" ON "sales" USING btree ("payable_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "sales_batch_idx" ON "sales" USING btree ("sender_batch_id");