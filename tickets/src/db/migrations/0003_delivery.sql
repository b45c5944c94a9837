CREATE TYPE "public"."ticket_download_kind" AS ENUM('file', 'eticket');--> statement-breakpoint
CREATE TYPE "public"."ticket_file_storage" AS ENUM('local', 'cloudinary');--> statement-breakpoint
CREATE TABLE "ticket_buyers" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"buyer_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_downloads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "ticket_download_kind" NOT NULL,
	"downloaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_files" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"storage" "ticket_file_storage" NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"file_sha256" text NOT NULL,
	"barcode_hmac" text NOT NULL,
	"barcode_sealed" text NOT NULL,
	"barcode_last4" text NOT NULL,
	"barcode_format" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ticket_downloads_ticket_idx" ON "ticket_downloads" USING btree ("ticket_id","downloaded_at");--> statement-breakpoint
CREATE INDEX "ticket_files_barcode_idx" ON "ticket_files" USING btree ("barcode_hmac");--> statement-breakpoint
CREATE INDEX "ticket_files_sha256_idx" ON "ticket_files" USING btree ("file_sha256");