import { inbox } from "@m-ticketing/common";
import { eventually, natsUrl, startTest, TcpProxy, type TestStack } from "@m-ticketing/common/testing";
import { eq } from "drizzle-orm";
import { Client } from "pg";
import { ordersModule } from "../../src/app";
import { expirationComplete, type Harness, newUser, orderRow, placeOrder, seedTicket } from "../helpers";

// Replicas are started one by one, each with its own way to a dependency (a proxy a test can cut).
let t: TestStack<unknown, unknown>;
let dbUrl: string;
const proxies: TcpProxy[] = [];

beforeEach(async () => {
  t = await startTest({ services: [] });
  dbUrl = (await t.database(ordersModule)).url;
});
afterEach(async () => {
  for (const p of proxies) await p.start().catch(() => {});
  await t.stop();
  for (const p of proxies.splice(0)) await p.stop();
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

/** One more replica on the same database and stream, with its own variables and a quick ack wait. */
const startReplica = (env: Record<string, string>): Promise<Harness> =>
  t.start(ordersModule, { env, options: { consumer: { ackWaitMs: 1500 } } });

/** Holds the order's row lock from a separate connection, so a handler touching it waits. */
async function holdOrderLock(orderId: string) {
  const client = new Client({ connectionString: dbUrl });
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
  const pg = await proxyTo(dbUrl);
  const h = await startReplica({ DATABASE_URL: via(dbUrl, pg) });
  const orderId = await placedOrder(h);

  const lock = await holdOrderLock(orderId);
  const event = expirationComplete(orderId);
  await h.publish(event);
  await lock.waitUntilSomeoneBlocks(); // the handler is inside its transaction, inbox row written
  await pg.cut(); // ... and its connection dies before it can commit or ack
  await pg.start();
  await lock.release();

  await eventually(async () => (await orderRow(h, orderId))?.status === "cancelled");
  expect(await orderRow(h, orderId)).toMatchObject({ status: "cancelled", version: 1 });
  const cancellations = (await h.published("order.cancelled")).filter((e) => (e.data as { id: string }).id === orderId);
  expect(cancellations).toHaveLength(1);
  const handled = await h.service.context.database.db.select().from(inbox).where(eq(inbox.eventId, event.id));
  expect(handled).toHaveLength(1);
});

test("a replica commits but its ack never arrives: another replica gets the redelivery and changes nothing", async () => {
  const nats = await proxyTo(natsUrl());
  const doomed = await startReplica({ NATS_URL: via(natsUrl(), nats) });
  const orderId = await placedOrder(doomed);

  const lock = await holdOrderLock(orderId);
  await doomed.publish(expirationComplete(orderId));
  await lock.waitUntilSomeoneBlocks();
  await nats.cut(); // the replica is cut off from NATS: whatever it acks now is lost
  await lock.release(); // ... while its handler commits the cancellation
  await eventually(async () => (await orderRow(doomed, orderId))?.status === "cancelled");

  const survivor = await startReplica({});
  // After the ack wait the server hands the event to the surviving replica.
  await eventually(async () => {
    const info = await survivor.consumerInfo("orders", "expiration.complete");
    return info.delivered.consumer_seq >= 2 && info.num_ack_pending === 0 && info.num_pending === 0;
  }, 20_000);

  expect(await orderRow(survivor, orderId)).toMatchObject({ status: "cancelled", version: 1 });
  const cancellations = (await survivor.published("order.cancelled")).filter(
    (e) => (e.data as { id: string }).id === orderId,
  );
  expect(cancellations).toHaveLength(1);
});
