CREATE TABLE "consumer_failures" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"waits" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consumer_failures_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
