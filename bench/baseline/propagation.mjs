// B3's baseline: the bare way to move a row from one database to another over JetStream.
//   node propagation.mjs consume   a durable pull consumer (same settings as the services':
//                                  explicit ack, 1 in flight) that INSERTs each message into
//                                  prop_replica in a transaction, then acks
//   node propagation.mjs publish   at RATE rows/s for SECONDS: INSERT into prop_source
//                                  (autocommit), then publish it (no outbox, no relay, no inbox)
// Environment: DATABASE_URL, NATS_URL, NATS_USER, NATS_PASSWORD, RATE (200), SECONDS (20). The bench observes both
// tables' commits with LISTEN/NOTIFY, exactly as it does for the services.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import pg from "pg";

const STREAM = "BASELINE";
const SUBJECT = "baseline.created";
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const nc = await connect({
  servers: process.env.NATS_URL,
  user: process.env.NATS_USER,
  pass: process.env.NATS_PASSWORD,
});
const js = jetstream(nc);

if (process.argv[2] === "setup") {
  await pool.query(`
    create table if not exists prop_source (id uuid primary key default gen_random_uuid(), title text not null);
    create table if not exists prop_replica (id uuid primary key, title text not null);`);
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: STREAM, subjects: [SUBJECT] }).catch(() => {});
  await jsm.consumers
    .add(STREAM, {
      durable_name: "replica",
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: 1000,
    })
    .catch(() => {});
  await nc.close();
  await pool.end();
} else if (process.argv[2] === "consume") {
  const consumer = await js.consumers.get(STREAM, "replica");
  const messages = await consumer.consume({ max_messages: 64 });
  const stop = () => messages.stop();
  process.once("SIGTERM", stop).once("SIGINT", stop);
  console.log("consuming");
  for await (const msg of messages) {
    const row = msg.json();
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query("insert into prop_replica (id, title) values ($1, $2) on conflict do nothing", [
        row.id,
        row.title,
      ]);
      await client.query("commit");
      msg.ack();
    } catch {
      await client.query("rollback").catch(() => {});
      msg.nak(100);
    } finally {
      client.release();
    }
  }
  await nc.close();
  await pool.end();
} else {
  const rate = Number(process.env.RATE ?? 200);
  const total = rate * Number(process.env.SECONDS ?? 20);
  const started = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      pool
        .query("insert into prop_source (title) values ($1) returning id, title", [`row ${i}`])
        .then(({ rows }) => js.publish(SUBJECT, JSON.stringify(rows[0]), { msgID: rows[0].id })),
    );
  }
  await Promise.all(inFlight);
  await nc.close();
  await pool.end();
}
