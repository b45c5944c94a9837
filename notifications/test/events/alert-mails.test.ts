import { randomUUID } from "node:crypto";
import { createEvent } from "@m-ticketing/common";
import request from "supertest";
import {
  consumerIdle,
  inbox,
  linkIn,
  mailsTo,
  type Notifications,
  newUser,
  orderCompleted,
  orderCreated,
  PUBLIC_URL,
  queueSettled,
  startNotifications,
  ticketCreated,
  type User,
  userCreated,
} from "../helpers";

let n: Notifications;
beforeAll(async () => {
  n = await startNotifications();
});
afterAll(() => n.stop());

const watch = (user: User, eventId: string, subscribed = true) =>
  n.publish(createEvent("event.alert-changed", { eventId, userId: user.id, subscribed }));

/** Users known to the service, each watching `eventId`. */
async function watchers(eventId: string, ...users: User[]) {
  for (const user of users) {
    await n.publish(userCreated(user));
    await watch(user, eventId);
  }
  await consumerIdle(n, "user.created");
  await consumerIdle(n, "event.alert-changed");
}

/** A listing for `eventId` becomes visible to buyers; returns once the service has handled it. */
async function listed(seller: User, eventId: string, title = "Radiohead at the Forum") {
  const ticket = ticketCreated(seller, { eventId, title });
  await n.publish(ticket);
  await consumerIdle(n, "ticket.created");
  return ticket.data;
}

describe("alerts for watched events, through a real SMTP server", () => {
  it("a listing alerts each watcher once, not the seller, with a link to the event and one-click unsubscribe", async () => {
    const eventId = randomUUID();
    const fan = newUser({ name: "Fay Fan" });
    const seller = newUser({ name: "Sam Seller" });
    await watchers(eventId, fan, seller);

    await listed(seller, eventId);
    const [alert] = await mailsTo(n.catcher, fan.email);
    expect(alert!.subject).toBe("Tickets listed for Radiohead at the Forum");
    expect(alert!.text).toContain("Hello Fay Fan,");
    expect(alert!.text).toContain("20.50 USD");
    expect(linkIn(alert!, PUBLIC_URL).pathname).toBe(`/events/${eventId}`);
    expect(alert!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    // A second listing within the hour sends nothing more.
    await listed(seller, eventId);
    await queueSettled(n);
    expect(await inbox(n.catcher, fan.email)).toHaveLength(1);
    expect(await inbox(n.catcher, seller.email)).toHaveLength(0);

    // An hour later, the next listing alerts again.
    await n.query("update watches set last_alerted_at = now() - interval '61 minutes' where event_id = $1", [eventId]);
    await listed(seller, eventId);
    await mailsTo(n.catcher, fan.email, 2);
  });

  it("no alert after the user stopped watching, nor for an event they never watched", async () => {
    const eventId = randomUUID();
    const other = randomUUID();
    const fan = newUser();
    const seller = newUser();
    await n.publish(userCreated(seller));
    await watchers(eventId, fan);
    // An old "watch" arriving after the newer "stop" does not bring the watch back.
    const stopped = createEvent("event.alert-changed", { eventId, userId: fan.id, subscribed: false });
    const older = createEvent("event.alert-changed", { eventId, userId: fan.id, subscribed: true });
    older.occurredAt = new Date(Date.parse(stopped.occurredAt) - 1000).toISOString();
    await n.publish(stopped);
    await n.publish(older);
    await consumerIdle(n, "event.alert-changed");

    await listed(seller, eventId);
    await listed(seller, other);
    // A control watcher of `other` is alerted: the listings were handled.
    const control = newUser();
    await watchers(other, control);
    await listed(seller, other);
    await mailsTo(n.catcher, control.email);
    await queueSettled(n);
    expect(await inbox(n.catcher, fan.email)).toHaveLength(0);
  });

  it("an unsubscribed user gets no alert but still gets transactional mail", async () => {
    const first = randomUUID();
    const second = randomUUID();
    const fan = newUser();
    const seller = newUser();
    await n.publish(userCreated(seller));
    await watchers(first, fan);
    await watchers(second, fan);

    await listed(seller, first);
    const [alert] = await mailsTo(n.catcher, fan.email);
    const address = new URL(alert!.headers["list-unsubscribe"]!.slice(1, -1));
    const res = await request(n.url)
      .post(`${address.pathname}${address.search}`)
      .type("form")
      .send("List-Unsubscribe=One-Click")
      .expect(200);
    expect(res.body).toEqual({ unsubscribed: "alert" });

    const ticket = await listed(seller, second);
    // A purchase by the same user: the order confirmation (transactional) still arrives.
    const order = orderCreated(fan, ticket);
    await n.publish(order);
    await consumerIdle(n, "order.created");
    await n.publish(orderCompleted(order.data));
    const mails = await mailsTo(n.catcher, fan.email, 2);
    await queueSettled(n);
    expect((await inbox(n.catcher, fan.email)).map((m) => m.subject)).toEqual([
      "Tickets listed for Radiohead at the Forum",
      "Order confirmed: Radiohead at the Forum",
    ]);
    expect(mails).toHaveLength(2);
  });
});
