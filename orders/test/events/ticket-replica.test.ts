import { eventually } from "@m-ticketing/common/testing";
import {
  type Harness,
  newUser,
  placeOrder,
  replicaOf,
  seedTicket,
  startOrders,
  ticketCreated,
  ticketData,
  ticketUpdated,
} from "../helpers";

let h: Harness;

beforeAll(async () => {
  h = await startOrders();
});
afterAll(() => h.stop());

const version = (data: ReturnType<typeof ticketData>, v: number, title: string, price: number) =>
  ticketUpdated({ ...data, version: v, title, price });

test("a ticket from ticket.created can be ordered, at its price", async () => {
  const ticket = ticketData({ price: 7500 });
  await h.publish(ticketCreated(ticket));
  const res = await eventually(async () => {
    const r = await placeOrder(h, newUser(), ticket.id);
    return r.status === 201 ? r : undefined;
  });
  expect(res.body.order.ticket).toEqual({ id: ticket.id, title: ticket.title, price: "75.00", currency: "USD" });
});

test("ticket.updated changes what a new order costs", async () => {
  const ticket = await seedTicket(h, { price: 1000 });
  await h.publish(version(ticket, 1, "Cheaper now", 800));
  await eventually(async () => (await replicaOf(h, ticket.id))?.version === 1);
  const res = await placeOrder(h, newUser(), ticket.id).expect(201);
  expect(res.body.order.ticket).toMatchObject({ title: "Cheaper now", price: "8.00" });
});

test("updates that arrive out of order end in the newest state, without waiting for the ones between", async () => {
  const ticket = await seedTicket(h);
  await h.publish(version(ticket, 3, "v3", 300));
  await eventually(async () => (await replicaOf(h, ticket.id))?.version === 3);
  await h.publish(version(ticket, 2, "v2", 200));
  await h.consumerIdle("orders", "ticket.updated");
  expect(await replicaOf(h, ticket.id)).toMatchObject({ version: 3, title: "v3", priceCents: 300 });
  expect((await h.consumerInfo("orders", "ticket.updated")).num_redelivered).toBe(0);
});

test("a duplicate or older update changes nothing", async () => {
  const ticket = await seedTicket(h);
  const v1 = version(ticket, 1, "v1", 100);
  await h.publish(v1);
  await h.publish(version(ticket, 2, "v2", 200));
  await eventually(async () => (await replicaOf(h, ticket.id))?.version === 2);
  await h.publish(v1, { duplicate: true }); // the same event redelivered
  await h.publish(version(ticket, 1, "stale copy", 1)); // another event with an old version
  await h.publish(ticketCreated({ ...ticket, title: "created again" }));
  await h.consumerIdle("orders", "ticket.updated");
  await h.consumerIdle("orders", "ticket.created");
  expect(await replicaOf(h, ticket.id)).toMatchObject({ version: 2, title: "v2", priceCents: 200 });
});

test("an update that overtakes its ticket.created is applied at once; the late creation changes nothing", async () => {
  const ticket = ticketData();
  await h.publish(version(ticket, 1, "edited", 999));
  await eventually(async () => (await replicaOf(h, ticket.id))?.version === 1);
  await h.publish(ticketCreated(ticket));
  await h.consumerIdle("orders", "ticket.created");
  expect(await replicaOf(h, ticket.id)).toMatchObject({ version: 1, title: "edited", priceCents: 999 });
});
