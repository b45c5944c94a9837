-- The relay's wake-up, sent by the database itself: one NOTIFY per statement that inserts
-- outbox rows, delivered when the transaction commits (a rolled-back one sends nothing).
-- Saves each writing transaction the round trip of a separate `select pg_notify(...)`.
CREATE FUNCTION "outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_events', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "outbox_notify" AFTER INSERT ON "outbox" FOR EACH STATEMENT EXECUTE FUNCTION "outbox_notify"();
