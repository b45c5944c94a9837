import { createDatabase, type Database } from "../../src/db/database";
import { consumerFailures, inbox } from "../../src/db/schema";
import { createEvent, type EventEnvelope } from "../../src/events";
import { connectMessaging, type Messaging } from "../../src/messaging/connection";
import { listDeadLetters } from "../../src/messaging/dead-letters";
import { durableName, EventConsumer, listen } from "../../src/messaging/listener";
import {
  adminUrl,
  captureLogs,
  createTestDatabase,
  deleteStream,
  eventually,
  TcpProxy,
  type TestDatabase,
  testNatsConnection,
  uniqueMessaging,
} from "../../src/testing";

// The consumer's database sits behind a proxy the test can cut (an outage) or freeze (a
// hung server); the checks read the same database directly.
let testDb: TestDatabase;
let proxy: TcpProxy;
let database: Database<{ inbox: typeof inbox }>;
let direct: Database<{ inbox: typeof inbox; consumerFailures: typeof consumerFailures }>;
let names: ReturnType<typeof uniqueMessaging>;
let messaging: Messaging;
let consumer: EventConsumer | undefined;
const MAX_DELIVERIES = 3;

beforeEach(async () => {
  testDb = await createTestDatabase("common");
  const pgPort = Number(new URL(adminUrl()).port || 5432);
  proxy = new TcpProxy("127.0.0.1", pgPort);
  await proxy.start();
  const viaProxy = new URL(testDb.url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  database = createDatabase(viaProxy.toString(), { inbox }, { connectTimeoutMs: 500, statementTimeoutMs: 1000 });
  direct = createDatabase(testDb.url, { inbox, consumerFailures });
  names = uniqueMessaging();
  messaging = await connectMessaging({
    ...testNatsConnection(),
    stream: names.NATS_STREAM,
    subjectPrefix: names.NATS_SUBJECT_PREFIX,
    name: "outage-test",
  });
});

afterEach(async () => {
  proxy.thaw();
  await consumer?.stop();
  consumer = undefined;
  await messaging.close();
  await database.close();
  await direct.close();
  await proxy.stop();
  await deleteStream(names.NATS_STREAM);
  await testDb.drop();
});

async function startConsumer(handled: string[], logger = captureLogs().logger) {
  consumer = new EventConsumer(
    listen("expiration.complete", async (event, tx) => {
      await tx.select().from(inbox).limit(1); // a handler that uses the database
      handled.push(event.id);
    }),
    {
      messaging,
      db: database.db,
      service: "orders",
      logger,
      maxDeliveries: MAX_DELIVERIES,
      ackWaitMs: 5000,
      concurrency: 4,
      outageRetryMaxMs: 200,
    },
  );
  await consumer.start();
}

const publish = (event: EventEnvelope) =>
  messaging.js.publish(`${names.NATS_SUBJECT_PREFIX}${event.type}`, JSON.stringify(event), { msgID: event.id });

async function backlog() {
  const info = await messaging.jsm.consumers.info(names.NATS_STREAM, durableName("orders", "expiration.complete"));
  return info.num_pending + info.num_ack_pending;
}

for (const outage of ["cut", "frozen"] as const) {
  test(`a database outage (${outage}) longer than the poison budget loses nothing and dead-letters nothing`, async () => {
    const handled: string[] = [];
    const { logger, lines } = captureLogs();
    await startConsumer(handled, logger);
    const before = createEvent("expiration.complete", { orderId: crypto.randomUUID() });
    await publish(before);
    await eventually(async () => handled.length === 1);

    if (outage === "cut") await proxy.cut();
    else proxy.freeze();
    const during = Array.from({ length: 10 }, () =>
      createEvent("expiration.complete", { orderId: crypto.randomUUID() }),
    );
    for (const event of during) await publish(event);
    // Every event has now been delivered more than twice the budget and failed each time.
    await eventually(
      async () =>
        during.every((event) =>
          lines.some((l) => l.eventId === event.id && (l.attempt as number) > 2 * MAX_DELIVERIES),
        ),
      30_000,
    );
    expect(handled).toHaveLength(1);

    if (outage === "cut") await proxy.start();
    else proxy.thaw();
    await eventually(async () => handled.length === 11, 20_000);
    expect(new Set(handled)).toEqual(new Set([before, ...during].map((e) => e.id)));
    await eventually(async () => (await backlog()) === 0);
    expect(await direct.db.select().from(inbox)).toHaveLength(11);
    // Nothing was counted against the events, nothing was dead-lettered.
    expect(await direct.db.select().from(consumerFailures)).toEqual([]);
    expect(await listDeadLetters(messaging)).toEqual([]);
    expect(lines.filter((l) => l.deadLetter)).toEqual([]);
    // No connection leaked or left half-broken by the outage: every one is back in the pool.
    await eventually(async () => database.pool.idleCount === database.pool.totalCount);
    await expect(database.db.transaction(async (tx) => tx.select().from(inbox))).resolves.toHaveLength(11);
  }, 60_000);
}

test("a serialization failure is retried without spending the budget", async () => {
  let attempts = 0;
  consumer = new EventConsumer(
    listen("expiration.complete", async () => {
      attempts++;
      if (attempts <= MAX_DELIVERIES + 2)
        throw Object.assign(new Error("could not serialize access"), { code: "40001" });
    }),
    {
      messaging,
      db: direct.db,
      service: "orders",
      logger: captureLogs().logger,
      maxDeliveries: MAX_DELIVERIES,
      outageRetryMaxMs: 100,
    },
  );
  await consumer.start();
  await publish(createEvent("expiration.complete", { orderId: crypto.randomUUID() }));
  await eventually(async () => (await direct.db.select().from(inbox)).length === 1, 15_000);
  expect(attempts).toBe(MAX_DELIVERIES + 3);
  expect(await listDeadLetters(messaging)).toEqual([]);
});
