import { randomUUID } from "node:crypto";
import { type Harness, newUser, placeOrder, seedTicket, startOrders } from "../helpers";

let h: Harness;

// The default caps, as a deployment that sets neither gets them.
beforeAll(async () => {
  h = await startOrders();
});
afterAll(() => h.stop());

test("with the default caps a buyer reserves 8 tickets of one event at once; the 9th meets the per-event cap (409)", async () => {
  const eventId = randomUUID();
  const startsAt = new Date(Date.now() + 86_400_000).toISOString();
  const listings = [];
  for (let i = 0; i < 9; i++) listings.push(await seedTicket(h, { eventId, startsAt }));
  const buyer = newUser();
  for (const listing of listings.slice(0, 8)) await placeOrder(h, buyer, listing.id).expect(201);

  const ninth = await placeOrder(h, buyer, listings[8]!.id).expect(409);
  expect(ninth.body.errors).toEqual([
    { field: "ticketId", message: "You already hold or bought 8 tickets for this event, the most one buyer may" },
  ]);
});
