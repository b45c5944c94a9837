// Issue 17 trust signals: buyers see a seller's name, photo, verified e-mail, member since and
// tickets sold, from tickets' replica of auth's users (user.* events) and its own sales.
import { randomUUID } from "node:crypto";
import { createEvent } from "@m-ticketing/common";
import request from "supertest";
import { type Harness, listTicket, newUser, sellThroughEvents, startTickets } from "../helpers";

let h: Harness;
beforeAll(async () => {
  h = await startTickets({ SELLER_EMAIL_VERIFICATION: "off" });
});
afterAll(() => h.stop());

const snapshot = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  email: `${id.slice(0, 8)}@example.test`,
  name: "Ann Seller",
  emailVerified: false,
  createdAt: "2025-03-01T10:00:00.000Z",
  updatedAt: "2025-03-01T10:00:00.000Z",
  photoUrl: null,
  ...overrides,
});

const summaries = async (...ids: string[]) =>
  (
    await request(h.url)
      .get(`/api/tickets/sellers?ids=${ids.join(",")}`)
      .expect(200)
  ).body.sellers;

test("a seller's summary: profile from the user events, tickets sold from this service's sales", async () => {
  const seller = newUser();
  await h.publish(createEvent("user.created", { user: snapshot(seller.id) }));
  const [sold, another] = [await listTicket(h, seller), await listTicket(h, seller)];
  await listTicket(h, seller); // still for sale: not counted
  await sellThroughEvents(h, sold.id);
  await sellThroughEvents(h, another.id);
  await h.publish(
    createEvent("user.email-verified", {
      user: snapshot(seller.id, { emailVerified: true, updatedAt: "2025-03-02T10:00:00.000Z" }),
    }),
  );
  await h.publish(
    createEvent("user.updated", {
      user: snapshot(seller.id, {
        emailVerified: true,
        name: "Ann S.",
        photoUrl: "/api/users/photos/ann.webp",
        updatedAt: "2025-03-03T10:00:00.000Z",
      }),
    }),
  );
  for (const type of ["user.created", "user.email-verified", "user.updated"] as const) {
    await h.consumerIdle("tickets", type);
  }
  expect(await summaries(seller.id)).toEqual([
    {
      id: seller.id,
      name: "Ann S.",
      photoUrl: "/api/users/photos/ann.webp",
      verified: true,
      memberSince: "2025-03-01T10:00:00.000Z",
      ticketsSold: 2,
    },
  ]);
  // The e-mail address is not kept, let alone shown.
  expect(JSON.stringify(await summaries(seller.id))).not.toContain("@example.test");
});

test("an older snapshot arriving late does not undo a newer one; a redelivery changes nothing", async () => {
  const seller = newUser();
  const newer = createEvent("user.updated", {
    user: snapshot(seller.id, { name: "New Name", emailVerified: true, updatedAt: "2025-05-01T00:00:00.000Z" }),
  });
  await h.publish(newer);
  await h.publish(createEvent("user.created", { user: snapshot(seller.id) }));
  await h.publish(newer, { duplicate: true });
  await h.consumerIdle("tickets", "user.created");
  await h.consumerIdle("tickets", "user.updated");
  expect(await summaries(seller.id)).toMatchObject([{ name: "New Name", verified: true, ticketsSold: 0 }]);
});

test("unknown sellers are left out; ids must be UUIDs, at most 100 (400 naming ids)", async () => {
  expect(await summaries(randomUUID())).toEqual([]);
  const bad = await request(h.url).get("/api/tickets/sellers?ids=not-a-uuid").expect(400);
  expect(bad.body.errors[0].field).toBe("ids");
  const many = Array.from({ length: 101 }, () => randomUUID()).join(",");
  expect((await request(h.url).get(`/api/tickets/sellers?ids=${many}`).expect(400)).body.errors[0].field).toBe("ids");
  expect((await request(h.url).get("/api/tickets/sellers").expect(400)).body.errors[0].field).toBe("ids");
});
