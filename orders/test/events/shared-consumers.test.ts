import { randomUUID } from "node:crypto";
import { inbox } from "@m-ticketing/common";
import { eventually } from "@m-ticketing/common/testing";
import request from "supertest";
import { ordersModule } from "../../src/app";
import {
  cookieOf,
  expirationComplete,
  type Harness,
  newUser,
  orderRow,
  startOrders,
  ticketCreated,
  ticketData,
} from "../helpers";

let first: Harness;
let secondUrl: string;

beforeAll(async () => {
  first = await startOrders();
  // A second replica: same database, same stream, so it shares the durable consumers.
  ({ url: secondUrl } = await first.start(ordersModule));
});
afterAll(() => first.stop());

test("two replicas share the consumers: every event is applied once", async () => {
  const tickets = Array.from({ length: 20 }, () => ticketData());
  for (const t of tickets) await first.publish(ticketCreated(t));
  await eventually(async () => {
    const { rows } = await first.service.context.database.pool.query("select count(*)::int as n from tickets");
    return rows[0].n === tickets.length;
  });

  // Orders through either replica; then each expires.
  const orderIds: string[] = [];
  for (const [i, t] of tickets.entries()) {
    const url = i % 2 ? secondUrl : first.url;
    const res = await request(url).post("/api/orders").set("Cookie", cookieOf(newUser())).send({ ticketId: t.id });
    expect(res.status).toBe(201);
    orderIds.push(res.body.order.id);
  }
  for (const id of orderIds) await first.publish(expirationComplete(id));

  await eventually(async () => {
    const rows = await Promise.all(orderIds.map((id) => orderRow(first, id)));
    return rows.every((r) => r?.status === "cancelled");
  });
  for (const id of orderIds) expect(await orderRow(first, id)).toMatchObject({ status: "cancelled", version: 1 });
  const cancelled = (await first.published("order.cancelled")).map((e) => (e.data as { id: string }).id);
  expect(cancelled.sort()).toEqual([...orderIds].sort());
  // One inbox entry per event: 20 ticket.created + 20 expiration.complete.
  const handled = await first.service.context.database.db.select().from(inbox);
  expect(handled).toHaveLength(40);
});

test("buyers racing through both replicas still get exactly one order", async () => {
  const ticket = ticketData();
  await first.publish(ticketCreated(ticket));
  await eventually(async () => {
    const { rowCount } = await first.service.context.database.pool.query("select 1 from tickets where id = $1", [
      ticket.id,
    ]);
    return rowCount === 1;
  });
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      request(i % 2 ? secondUrl : first.url)
        .post("/api/orders")
        .set("Cookie", cookieOf({ id: randomUUID() }))
        .send({ ticketId: ticket.id }),
    ),
  );
  expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  expect(results.filter((r) => r.status === 409)).toHaveLength(29);
});
