import { Empty, headers } from "@nats-io/transport-node";
import { sql } from "drizzle-orm";
import { createDatabase, type Database } from "../../src/db/database";
import { inbox, outbox } from "../../src/db/schema";
import { createEvent, type EventEnvelope } from "../../src/events";
import { connectMessaging, type Messaging } from "../../src/messaging/connection";
import { countDeadLetters, listDeadLetters, replayDeadLetter } from "../../src/messaging/dead-letters";
import { EventConsumer, listen, RetryLaterError } from "../../src/messaging/listener";
import {
  captureLogs,
  createTestDatabase,
  eventually,
  startTest,
  type TestDatabase,
  type TestStack,
  testNatsConnection,
} from "../../src/testing";

const orderId = "11111111-1111-4111-8111-111111111111";
const expired = () => createEvent("expiration.complete", { orderId });

let testDb: TestDatabase;
let database: Database<{ inbox: typeof inbox; outbox: typeof outbox }>;
let t: TestStack<unknown, unknown>;
let names: { NATS_STREAM: string; NATS_SUBJECT_PREFIX: string };
let messaging: Messaging;
let consumers: EventConsumer[] = [];

async function startConsumer(
  handle: (event: EventEnvelope<"expiration.complete">) => Promise<void>,
  options: { maxDeliveries?: number; logger?: ReturnType<typeof captureLogs>["logger"]; service?: string } = {},
) {
  const consumer = new EventConsumer(
    listen("expiration.complete", async (event) => handle(event)),
    {
      messaging,
      db: database.db,
      service: options.service ?? "orders",
      logger: options.logger ?? captureLogs().logger,
      maxDeliveries: options.maxDeliveries ?? 5,
      ackWaitMs: 2000,
    },
  );
  await consumer.start();
  consumers.push(consumer);
  return consumer;
}

beforeEach(async () => {
  testDb = await createTestDatabase("common");
  database = createDatabase(testDb.url, { inbox, outbox });
  t = await startTest({ services: [] });
  messaging = t.messaging;
  names = { NATS_STREAM: messaging.stream, NATS_SUBJECT_PREFIX: messaging.subjectPrefix };
});

afterEach(async () => {
  await Promise.all(consumers.map((c) => c.stop()));
  consumers = [];
  await database.close();
  await t.stop();
  await testDb.drop();
});

test("a redelivered event is handled once", async () => {
  const seen: string[] = [];
  await startConsumer(async (e) => {
    seen.push(e.data.orderId);
  });
  const event = expired();
  await t.publish(event);
  await t.publish(event, { duplicate: true });
  await t.publish(event, { duplicate: true });
  await eventually(async () => {
    const rows = await database.db.select().from(inbox);
    return rows.length === 1;
  });
  // Give the two duplicates time to arrive and be acknowledged as already handled.
  await eventually(
    async () =>
      (await t.consumerInfo("orders", "expiration.complete")).num_ack_pending === 0 &&
      (await t.consumerInfo("orders", "expiration.complete")).delivered.stream_seq === 3,
  );
  expect(seen).toEqual([orderId]);
});

test("a handler failure rolls back its effects and the event is retried until it succeeds", async () => {
  let attempts = 0;
  await startConsumer(async () => {
    attempts++;
    if (attempts < 3) throw new Error("database hiccup");
  });
  await t.publish(expired());
  await eventually(async () => (await database.db.select().from(inbox)).length === 1);
  expect(attempts).toBe(3);
});

test("an event that cannot apply yet is retried later without counting as an error log", async () => {
  let attempts = 0;
  const { logger, lines } = captureLogs();
  await startConsumer(
    async () => {
      attempts++;
      if (attempts < 2) throw new RetryLaterError("waiting for an earlier version");
    },
    { logger },
  );
  await t.publish(expired());
  await eventually(async () => (await database.db.select().from(inbox)).length === 1);
  expect(lines.filter((l) => (l.level as number) >= 40)).toEqual([]);
});

test("an event waiting for an earlier one outlasts the failure bound", async () => {
  let attempts = 0;
  const { logger, lines } = captureLogs();
  await startConsumer(
    async () => {
      attempts++;
      if (attempts <= 4) throw new RetryLaterError("waiting for an earlier version", 10);
    },
    { maxDeliveries: 3, logger },
  );
  await t.publish(expired());
  await eventually(async () => (await database.db.select().from(inbox)).length === 1);
  expect(attempts).toBe(5);
  expect(lines.filter((l) => l.deadLetter)).toEqual([]);
});

test("a handler that keeps failing on a healthy database is dead-lettered after the bound, with its error", async () => {
  let attempts = 0;
  const { logger, lines } = captureLogs();
  await startConsumer(
    async () => {
      attempts++;
      throw new Error("always broken");
    },
    { maxDeliveries: 3, logger },
  );
  const event = expired();
  await t.publish(event);
  await eventually(async () => lines.some((l) => l.deadLetter === true));
  // Terminated: nothing is pending or awaiting an ack any more, so it will not come back.
  await eventually(async () => {
    const info = await t.consumerInfo("orders", "expiration.complete");
    return info.num_pending === 0 && info.num_ack_pending === 0;
  });
  expect(attempts).toBe(3);
  expect(lines.find((l) => l.deadLetter)).toMatchObject({ eventId: event.id, attempt: 3 });
  expect(await database.db.select().from(inbox)).toEqual([]);
  // Kept, with the reason, in the dead-letter stream rather than thrown away.
  const letters = await listDeadLetters(messaging);
  expect(letters).toHaveLength(1);
  expect(letters[0]).toMatchObject({
    service: "orders",
    consumer: "orders-expiration_complete",
    subject: `${names.NATS_SUBJECT_PREFIX}expiration.complete`,
    eventId: event.id,
    attempts: 3,
    error: "always broken",
  });
  expect(JSON.parse(Buffer.from(letters[0]?.data ?? []).toString())).toMatchObject({ id: event.id });
  expect(await countDeadLetters(messaging, "orders")).toBe(1);
  expect(await countDeadLetters(messaging, "payments")).toBe(0);
});

test("a replayed dead letter is handled with a fresh budget and leaves the dead-letter stream", async () => {
  let broken = true;
  const seen: string[] = [];
  const { logger, lines } = captureLogs();
  await startConsumer(
    async (e) => {
      if (broken) throw new Error("bug before the fix");
      seen.push(e.id);
    },
    { maxDeliveries: 2, logger },
  );
  const event = expired();
  await t.publish(event);
  await eventually(async () => (await listDeadLetters(messaging)).length === 1);
  await eventually(async () => lines.some((l) => l.deadLetter));
  expect(lines.filter((l) => l.deadLetter)).toHaveLength(1);

  broken = false; // the fix is deployed
  const [letter] = await listDeadLetters(messaging);
  if (!letter) throw new Error("no dead letter");
  await replayDeadLetter(messaging, letter);
  await eventually(async () => seen.length === 1);
  expect(seen).toEqual([event.id]);
  expect(await listDeadLetters(messaging)).toEqual([]);
  expect(await database.db.select().from(inbox)).toHaveLength(1);
});

test("an unreadable message is dead-lettered at once", async () => {
  const { logger, lines } = captureLogs();
  let calls = 0;
  await startConsumer(
    async () => {
      calls++;
    },
    { logger },
  );
  await messaging.js.publish(`${names.NATS_SUBJECT_PREFIX}expiration.complete`, JSON.stringify({ nonsense: true }));
  await eventually(async () => lines.some((l) => l.deadLetter === true));
  expect(calls).toBe(0);
  const letters = await listDeadLetters(messaging);
  expect(letters).toHaveLength(1);
  expect(letters[0]?.attempts).toBe(1);
  expect(letters[0]?.error).toMatch(/\S/);
});

test("replicas of one service share the consumer: each event is handled by one of them, once", async () => {
  const handledBy: string[] = [];
  await startConsumer(async () => {
    handledBy.push("a");
  });
  await startConsumer(async () => {
    handledBy.push("b");
  });
  for (let i = 0; i < 40; i++) await t.publish(createEvent("expiration.complete", { orderId: crypto.randomUUID() }));
  await eventually(async () => (await database.db.select().from(inbox)).length === 40);
  expect(handledBy).toHaveLength(40);
});

test("a replica that dies before acknowledging: its event goes to another replica after the ack wait", async () => {
  // The dying replica has its own NATS connection and database pool, both killed mid-handler.
  const deadDb = createDatabase(testDb.url, { inbox, outbox });
  const deadMessaging = await connectMessaging({
    ...testNatsConnection(),
    stream: names.NATS_STREAM,
    subjectPrefix: names.NATS_SUBJECT_PREFIX,
    name: "dying",
  });
  let attempts = 0;
  const dying = new EventConsumer(
    listen("expiration.complete", async (_event, tx) => {
      attempts++;
      await tx.execute(sql`select pg_sleep(60)`);
    }),
    {
      messaging: deadMessaging,
      db: deadDb.db,
      service: "orders",
      logger: captureLogs().logger,
      maxDeliveries: 5,
      ackWaitMs: 2000,
    },
  );
  await dying.start();
  await t.publish(expired());
  await eventually(async () => attempts === 1);
  await deadMessaging.nc.close(); // "kill -9": no ack, no nak ever reaches the server
  await database.pool.query(
    "select pg_terminate_backend(pid) from pg_stat_activity where query like '%pg_sleep(60)%' and pid <> pg_backend_pid()",
  );
  await dying.stop().catch(() => {});
  await deadDb.close();

  const seen: string[] = [];
  await startConsumer(async (e) => {
    seen.push(e.data.orderId);
  });
  // The handler runs before its transaction commits: wait for the inbox row, not just the call.
  const handled = async () => (await database.db.select().from(inbox)).length;
  await eventually(async () => (await handled()) === 1, 15_000);
  expect(seen).toEqual([orderId]);
}, 20_000);

// A newly elected consumer leader answers the pulls it inherited with "409 Leadership
// Change" (chaos C6: every election, graceful or kill -9). A single server never sends it,
// so it is sent here by hand to the pull's reply inbox while the real pull still waits and
// its heartbeats keep coming: nothing but the status can make the client pull again.
test("a pull answered with 409 Leadership Change is sent again at once", async () => {
  const pulls: string[] = [];
  const next = `$JS.API.CONSUMER.MSG.NEXT.${names.NATS_STREAM}.orders-expiration_complete`;
  const watcher = messaging.nc.subscribe(next, {
    callback: (_err, msg) => {
      if (msg.reply) pulls.push(msg.reply);
    },
  });
  await messaging.nc.flush();
  const seen: string[] = [];
  // Pulls that live long enough not to be renewed during the test by expiring.
  const consumer = new EventConsumer(
    listen("expiration.complete", async (event) => {
      seen.push(event.id);
    }),
    {
      messaging,
      db: database.db,
      service: "orders",
      logger: captureLogs().logger,
      maxDeliveries: 5,
      pull: { expiresMs: 60_000 },
    },
  );
  await consumer.start();
  consumers.push(consumer);
  await eventually(async () => pulls.length === 1);
  messaging.nc.publish(pulls[0] as string, Empty, { headers: headers(409, "Leadership Change") });
  await eventually(async () => pulls.length === 2);
  watcher.unsubscribe();
  const event = expired();
  await t.publish(event);
  await eventually(async () => seen.length === 1);
  expect(seen).toEqual([event.id]);
});

test("a consumer deleted under a running service is created again and handling resumes", async () => {
  const seen: string[] = [];
  await startConsumer(async (e) => {
    seen.push(e.id);
  });
  await messaging.jsm.consumers.delete(names.NATS_STREAM, "orders-expiration_complete");
  const event = expired();
  await t.publish(event);
  await eventually(async () => seen.length === 1, 20_000);
  expect(seen).toEqual([event.id]);
}, 30_000);
