import { jetstreamManager } from "@nats-io/jetstream";
import { sql } from "drizzle-orm";
import { createDatabase, type Database } from "../../src/db/database";
import { outbox } from "../../src/db/schema";
import { createEvent } from "../../src/events";
import { connectMessaging, type Messaging } from "../../src/messaging/connection";
import { addToOutbox, OutboxRelay } from "../../src/messaging/outbox";
import {
  captureLogs,
  createTestDatabase,
  deleteStream,
  eventually,
  natsUrl,
  TcpProxy,
  type TestDatabase,
  testNatsConnection,
  uniqueMessaging,
} from "../../src/testing";

const ids = Array.from({ length: 3 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
const ticketEvent = (title: string) =>
  createEvent("ticket.created", {
    id: ids[0] as string,
    title,
    price: 1000,
    currency: "USD",
    userId: ids[1] as string,
    status: "available",
    orderId: null,
    version: 0,
  });

let testDb: TestDatabase;
let database: Database<{ outbox: typeof outbox }>;
let names: ReturnType<typeof uniqueMessaging>;
let messaging: Messaging;
const relays: OutboxRelay[] = [];
const { logger } = captureLogs();

/** Every message in the test stream, as {subject, event id}. */
async function streamedEventIds(): Promise<string[]> {
  const info = await messaging.jsm.streams.info(names.NATS_STREAM);
  const result: string[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await messaging.jsm.streams.getMessage(names.NATS_STREAM, { seq });
    if (msg) result.push((msg.json() as { id: string }).id);
  }
  return result;
}

async function writeEvents(count: number) {
  const events = Array.from({ length: count }, (_, i) => ticketEvent(`ticket ${i}`));
  await database.db.transaction(async (tx) => addToOutbox(tx, ...events));
  return events.map((e) => e.id);
}

function relay(js = messaging.js, sweepIntervalMs = 200) {
  const r = new OutboxRelay({
    pool: database.pool,
    js,
    subjectPrefix: names.NATS_SUBJECT_PREFIX,
    logger,
    sweepIntervalMs,
  });
  relays.push(r);
  return r;
}

beforeEach(async () => {
  testDb = await createTestDatabase("common");
  database = createDatabase(testDb.url, { outbox });
  names = uniqueMessaging();
  messaging = await connectMessaging({
    ...testNatsConnection(),
    stream: names.NATS_STREAM,
    subjectPrefix: names.NATS_SUBJECT_PREFIX,
    name: "test",
  });
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
  await messaging.close();
  await database.close();
  await deleteStream(names.NATS_STREAM);
  await testDb.drop();
});

test("an event committed with the outbox is published right after commit, with its id as the message id", async () => {
  // The sweep is an hour away: only the outbox trigger's NOTIFY can wake this relay.
  await relay(messaging.js, 3_600_000).start();
  const [id] = await writeEvents(1);
  await eventually(async () => (await streamedEventIds()).length === 1);
  expect(await streamedEventIds()).toEqual([id]);
  const [row] = await database.db.select().from(outbox);
  expect(row?.publishedAt).not.toBeNull();
});

test("an event whose transaction rolls back is never published", async () => {
  await relay().start();
  await expect(
    database.db.transaction(async (tx) => {
      await addToOutbox(tx, ticketEvent("rolled back"));
      throw new Error("business rule failed");
    }),
  ).rejects.toThrow("business rule failed");
  const [committed] = await writeEvents(1);
  await eventually(async () => (await streamedEventIds()).length === 1);
  expect(await streamedEventIds()).toEqual([committed]);
});

test("events written while NATS is unreachable are published once it is back", async () => {
  const proxy = new TcpProxy("127.0.0.1", Number(new URL(natsUrl()).port || 4222));
  await proxy.start();
  const throughProxy = await connectMessaging({
    ...testNatsConnection(),
    servers: `nats://127.0.0.1:${proxy.port}`,
    stream: names.NATS_STREAM,
    subjectPrefix: names.NATS_SUBJECT_PREFIX,
    name: "relay-behind-proxy",
  });
  try {
    await relay(throughProxy.js).start();
    await proxy.cut();
    const written = await writeEvents(3);
    // While NATS is away the rows stay unpublished (and nothing is lost).
    const pending = await database.pool.query("select count(*)::int as n from outbox where published_at is null");
    expect(pending.rows[0].n).toBe(3);
    await proxy.start();
    await eventually(async () => (await streamedEventIds()).length === 3, 20_000);
    expect((await streamedEventIds()).sort()).toEqual([...written].sort());
  } finally {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await throughProxy.close().catch(() => {});
    await proxy.stop();
  }
}, 40_000);

test("events committed before a crash are published by the start-up pass", async () => {
  const written = await writeEvents(5); // committed; the process "died" before publishing
  await relay().start();
  await eventually(async () => (await streamedEventIds()).length === 5);
  expect((await streamedEventIds()).sort()).toEqual([...written].sort());
});

test("rows whose wake-up notification was missed are published by the periodic sweep", async () => {
  await relay().start();
  const event = ticketEvent("no notify");
  // Inserted with the outbox's NOTIFY trigger off (replica mode skips ordinary triggers), as if
  // the notification was lost with a dropped connection.
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.insert(outbox).values({ eventId: event.id, subject: event.type, payload: event });
  });
  await eventually(async () => (await streamedEventIds()).length === 1);
  expect(await streamedEventIds()).toEqual([event.id]);
});

test("a relay that crashed holding claimed rows leaves them to another relay", async () => {
  const written = await writeEvents(2);
  const crashed = await database.pool.connect();
  await crashed.query("begin");
  await crashed.query("select seq from outbox for update skip locked");
  await relay().start();
  crashed.release(true); // connection dies mid-transaction: its locks are released
  await eventually(async () => (await streamedEventIds()).length === 2);
  expect((await streamedEventIds()).sort()).toEqual([...written].sort());
});

test("two relays publish each event exactly once", async () => {
  await Promise.all([relay().start(), relay().start()]);
  const written = await writeEvents(300);
  await eventually(async () => {
    const r = await database.pool.query("select count(*)::int as n from outbox where published_at is null");
    return r.rows[0].n === 0;
  });
  const streamed = await streamedEventIds();
  expect(streamed).toHaveLength(300);
  expect(new Set(streamed)).toEqual(new Set(written));
});

test("a row re-sent after a crash between publish and marking it sent is dropped by JetStream", async () => {
  const [id] = await writeEvents(1);
  await relay().start();
  await eventually(async () => (await streamedEventIds()).length === 1);
  // Simulate: published, but the process died before stamping published_at.
  await database.pool.query("update outbox set published_at = null");
  await relays[0]?.wake();
  await eventually(async () => {
    const r = await database.pool.query("select count(*)::int as n from outbox where published_at is null");
    return r.rows[0].n === 0;
  });
  const jsm = await jetstreamManager(messaging.nc);
  const info = await jsm.streams.info(names.NATS_STREAM);
  expect(info.state.messages).toBe(1);
  expect(await streamedEventIds()).toEqual([id]);
});
