CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"buyer_id" uuid NOT NULL,
	"seller_id" uuid,
	"reason" text NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"seller_answer" text,
	"answered_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_note" text,
	"decided_at" timestamp with time zone,
	"refund_amount" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seller_flags" (
	"claim_id" uuid PRIMARY KEY NOT NULL,
	"seller_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "claims_order_uq" ON "claims" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "claims_open_idx" ON "claims" USING btree ("created_at") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "claims_buyer_idx" ON "claims" USING btree ("buyer_id");--> statement-breakpoint
CREATE INDEX "claims_seller_idx" ON "claims" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "seller_flags_seller_idx" ON "seller_flags" USING btree ("seller_id");