import { inbox } from "@m-ticketing/common";
import {
  createTestDatabase,
  deleteStream,
  eventually,
  natsUrl,
  TcpProxy,
  type TestDatabase,
  testEnv,
} from "@m-ticketing/common/testing";
import { eq } from "drizzle-orm";
import { Client } from "pg";
import { createOrdersService } from "../../src/app";
import { loadConfig, type OrdersConfig } from "../../src/config";
import { migrationsFolder } from "../../src/db";
import {
  expirationComplete,
  fastRetries,
  type Harness,
  newUser,
  orderRow,
  placeOrder,
  publish,
  publishedEvents,
  seedTicket,
} from "../helpers";

type Service = ReturnType<typeof createOrdersService>;

let db: TestDatabase;
let config: OrdersConfig;
const running: Service[] = [];
const proxies: TcpProxy[] = [];

beforeEach(async () => {
  db = await createTestDatabase("orders", migrationsFolder);
  config = loadConfig(testEnv(db.url, fastRetries));
});
afterEach(async () => {
  for (const p of proxies) await p.start().catch(() => {});
  for (const s of running.splice(0).reverse()) await s.stop();
  for (const p of proxies.splice(0)) await p.stop();
  await deleteStream(config.NATS_STREAM);
  await db.drop();
});

async function proxyTo(url: string): Promise<TcpProxy> {
  const target = new URL(url);
  const proxy = new TcpProxy(target.hostname, Number(target.port));
  await proxy.start();
  proxies.push(proxy);
  return proxy;
}

const via = (url: string, proxy: TcpProxy) => {
  const u = new URL(url);
  u.port = String(proxy.port);
  return u.toString();
};

/** Starts a replica with its own settings and a harness the helpers accept. */
async function startReplica(overrides: Partial<OrdersConfig>): Promise<Harness> {
  const service = createOrdersService({ ...config, ...overrides }, { consumer: { ackWaitMs: 1500 } });
  const { url } = await service.start(0);
  running.push(service);
  return { service, url, config, db, stop: () => service.stop() };
}

/** Holds the order's row lock from a separate connection, so a handler touching it waits. */
async function holdOrderLock(orderId: string) {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  await client.query("begin");
  await client.query("select 1 from orders where id = $1 for update", [orderId]);
  const waiting = async () => {
    const { rowCount } = await client.query(
      "select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    return (rowCount ?? 0) > 0;
  };
  return {
    waitUntilSomeoneBlocks: () => eventually(waiting),
    release: async () => {
      await client.query("rollback");
      await client.end();
    },
  };
}

async function placedOrder(h: Harness) {
  const ticket = await seedTicket(h);
  const res = await placeOrder(h, newUser(), ticket.id).expect(201);
  return res.body.order.id as string;
}

test("the database drops mid-handler: the event is redelivered and applied once", async () => {
  const pg = await proxyTo(db.url);
  const h = await startReplica({ DATABASE_URL: via(db.url, pg) });
  const orderId = await placedOrder(h);

  const lock = await holdOrderLock(orderId);
  const event = expirationComplete(orderId);
  await publish(h, event);
  await lock.waitUntilSomeoneBlocks(); // the handler is inside its transaction, inbox row written
  await pg.cut(); // ... and its connection dies before it can commit or ack
  await pg.start();
  await lock.release();

  await eventually(async () => (await orderRow(h, orderId))?.status === "cancelled");
  expect(await orderRow(h, orderId)).toMatchObject({ status: "cancelled", version: 1 });
  const cancellations = (await publishedEvents(h, "order.cancelled")).filter(
    (e) => (e.data as { id: string }).id === orderId,
  );
  expect(cancellations).toHaveLength(1);
  const handled = await h.service.context.database.db.select().from(inbox).where(eq(inbox.eventId, event.id));
  expect(handled).toHaveLength(1);
});

test("a replica commits but its ack never arrives: another replica gets the redelivery and changes nothing", async () => {
  const nats = await proxyTo(natsUrl());
  const doomed = await startReplica({ NATS_URL: via(natsUrl(), nats) });
  const orderId = await placedOrder(doomed);

  const lock = await holdOrderLock(orderId);
  await publish(doomed, expirationComplete(orderId));
  await lock.waitUntilSomeoneBlocks();
  await nats.cut(); // the replica is cut off from NATS: whatever it acks now is lost
  await lock.release(); // ... while its handler commits the cancellation
  await eventually(async () => (await orderRow(doomed, orderId))?.status === "cancelled");

  const survivor = await startReplica({});
  const { jsm, stream } = survivor.service.context.messaging;
  // After the ack wait the server hands the event to the surviving replica.
  await eventually(async () => {
    const info = await jsm.consumers.info(stream, "orders-expiration_complete");
    return info.delivered.consumer_seq >= 2 && info.num_ack_pending === 0 && info.num_pending === 0;
  }, 20_000);

  expect(await orderRow(survivor, orderId)).toMatchObject({ status: "cancelled", version: 1 });
  const cancellations = (await publishedEvents(survivor, "order.cancelled")).filter(
    (e) => (e.data as { id: string }).id === orderId,
  );
  expect(cancellations).toHaveLength(1);
});
