CREATE TABLE "watches" (
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"subscribed" boolean NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"last_alerted_at" timestamp with time zone,
	CONSTRAINT "watches_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
