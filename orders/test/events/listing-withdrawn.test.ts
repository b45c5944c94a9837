import {
  type Harness,
  newUser,
  orderRow,
  orderWithStatus,
  paymentCreated,
  placeOrder,
  seedTicket,
  startOrders,
  ticketUpdated,
} from "../helpers";

let h: Harness;

beforeAll(async () => {
  h = await startOrders();
});
afterAll(() => h.stop());

/** The seller withdrew the listing at tickets after this service accepted an order for it. */
const withdrawal = (ticket: Awaited<ReturnType<typeof seedTicket>>) =>
  ticketUpdated({ ...ticket, status: "withdrawn", version: ticket.version + 1 });

test("an unpaid order of a listing withdrawn after it was placed ends `listing_withdrawn`, announced once", async () => {
  const ticket = await seedTicket(h);
  const placed = await placeOrder(h, newUser(), ticket.id).expect(201);
  const cancelled = await h.observe("order.cancelled");

  const event = withdrawal(ticket);
  await h.publish(event);
  await h.publish(event, { duplicate: true });
  const ended = await orderWithStatus(h, placed.body.order.id, "cancelled");
  expect(ended.cancellationReason).toBe("listing_withdrawn");
  const [announced] = await cancelled.waitFor((e) => e.data.id === placed.body.order.id);
  expect(announced?.data).toEqual({
    id: placed.body.order.id,
    version: 1,
    ticket: { id: ticket.id },
    reason: "listing_withdrawn",
  });
  await h.consumerIdle("orders", "ticket.updated");
  expect((await h.published("order.cancelled")).filter((e) => e.data.id === placed.body.order.id)).toHaveLength(1);
  // And nobody can order it again.
  const again = await placeOrder(h, newUser(), ticket.id).expect(409);
  expect(again.body.errors).toEqual([{ message: "The seller withdrew this ticket", field: "ticketId" }]);
});

test("an order paid before the withdrawal arrived stays paid: the sale was made first", async () => {
  const ticket = await seedTicket(h);
  const placed = await placeOrder(h, newUser(), ticket.id).expect(201);
  await h.publish(paymentCreated(placed.body.order.id));
  await orderWithStatus(h, placed.body.order.id, "complete");

  await h.publish(withdrawal(ticket));
  await h.consumerIdle("orders", "ticket.updated");
  expect(await orderRow(h, placed.body.order.id)).toMatchObject({ status: "complete", cancellationReason: null });
  expect(await h.published("order.cancelled")).not.toContainEqual(
    expect.objectContaining({ data: expect.objectContaining({ id: placed.body.order.id }) }),
  );
});
