import { randomUUID } from "node:crypto";
import request from "supertest";
import { cookieOf, type Harness, newUser, placeOrder, seedTicket, startOrders } from "../helpers";

let h: Harness;

beforeAll(async () => {
  h = await startOrders();
});
afterAll(() => h.stop());

describe("GET /api/orders", () => {
  test("lists the signed-in buyer's orders, newest first, each with its ticket", async () => {
    const buyer = newUser();
    const first = await seedTicket(h, { title: "First", price: 1000 });
    const second = await seedTicket(h, { title: "Second", price: 2500 });
    const other = await seedTicket(h);
    const a = await placeOrder(h, buyer, first.id).expect(201);
    const b = await placeOrder(h, buyer, second.id).expect(201);
    await placeOrder(h, newUser(), other.id).expect(201);

    const res = await request(h.url).get("/api/orders").set("Cookie", cookieOf(buyer)).expect(200);
    expect(res.body.orders).toEqual([b.body.order, a.body.order]);
    expect(res.body.orders.map((o: { ticket: unknown }) => o.ticket)).toEqual([
      { id: second.id, title: "Second", price: "25.00", currency: "USD" },
      { id: first.id, title: "First", price: "10.00", currency: "USD" },
    ]);
  });

  test("answers an empty list to a buyer with no orders", async () => {
    const res = await request(h.url).get("/api/orders").set("Cookie", cookieOf(newUser())).expect(200);
    expect(res.body).toEqual({ orders: [] });
  });

  test("answers 401 when nobody is signed in", async () => {
    await request(h.url).get("/api/orders").expect(401);
  });
});

describe("GET /api/orders/:id", () => {
  test("shows the buyer's own order", async () => {
    const buyer = newUser();
    const ticket = await seedTicket(h);
    const placed = await placeOrder(h, buyer, ticket.id).expect(201);
    const res = await request(h.url)
      .get(`/api/orders/${placed.body.order.id}`)
      .set("Cookie", cookieOf(buyer))
      .expect(200);
    expect(res.body).toEqual({ order: placed.body.order });
  });

  test("answers 404 for someone else's order, as if it did not exist", async () => {
    const ticket = await seedTicket(h);
    const placed = await placeOrder(h, newUser(), ticket.id).expect(201);
    const res = await request(h.url)
      .get(`/api/orders/${placed.body.order.id}`)
      .set("Cookie", cookieOf(newUser()))
      .expect(404);
    expect(res.body.errors).toEqual([{ message: "Order not found" }]);
  });

  test("answers 404 for an unknown or malformed id", async () => {
    const cookie = cookieOf(newUser());
    await request(h.url).get(`/api/orders/${randomUUID()}`).set("Cookie", cookie).expect(404);
    await request(h.url).get("/api/orders/not-an-id").set("Cookie", cookie).expect(404);
  });

  test("answers 401 when nobody is signed in", async () => {
    await request(h.url).get(`/api/orders/${randomUUID()}`).expect(401);
  });
});
