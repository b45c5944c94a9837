import { sessionCookie } from "@m-ticketing/common/testing";
import request from "supertest";
import {
  consumerIdle,
  inbox,
  linkIn,
  mailsTo,
  type Notifications,
  orderCompleted,
  PUBLIC_URL,
  placedOrder,
  queueSettled,
  startNotifications,
} from "../helpers";

let n: Notifications;
beforeAll(async () => {
  // Reminders go out 10 minutes ahead, so an order expiring in 5 is due at once.
  n = await startNotifications({ REMINDER_LEAD_SECONDS: "600" });
});
afterAll(() => n.stop());

const FIVE_MINUTES = 5 * 60_000;

describe("reminders, preferences and one-click unsubscribe", () => {
  it("an unpaid reservation gets one 'about to expire' reminder with List-Unsubscribe headers", async () => {
    const { buyer, order } = await placedOrder(n, FIVE_MINUTES);
    const [reminder] = await mailsTo(n.catcher, buyer.email);
    expect(reminder!.subject).toMatch(/^Your reservation for Radiohead at the Forum ends in [45] minutes$/);
    expect(linkIn(reminder!, PUBLIC_URL).pathname).toBe(`/orders/${order.id}`);
    expect(reminder!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(reminder!.headers["list-unsubscribe"]).toMatch(
      new RegExp(`^<${PUBLIC_URL}/api/notifications/unsubscribe\\?token=[^>]+>$`),
    );
    expect(reminder!.text).toContain(`${PUBLIC_URL}/notifications/unsubscribe?token=`);
    expect(reminder!.text).toContain(`${PUBLIC_URL}/settings/notifications`);
  });

  it("an order paid before the reminder is due gets no reminder", async () => {
    const { buyer, order } = await placedOrder(n, 60 * 60_000);
    await n.publish(orderCompleted(order));
    await mailsTo(n.catcher, buyer.email);
    // Bring the deadline within the lead time: the order is complete, so no reminder. An unpaid
    // order placed afterwards being reminded shows a reminder round has seen both.
    await n.query("update orders set expires_at = now() + interval '5 minutes' where id = $1", [order.id]);
    const control = await placedOrder(n, FIVE_MINUTES);
    await mailsTo(n.catcher, control.buyer.email);
    await queueSettled(n);
    const mails = await inbox(n.catcher, buyer.email);
    expect(mails.map((m) => m.subject)).toEqual(["Order confirmed: Radiohead at the Forum"]);
  });

  it("after one-click unsubscribe (the List-Unsubscribe POST) no reminder comes, but transactional mail still does", async () => {
    const first = await placedOrder(n, FIVE_MINUTES);
    const [reminder] = await mailsTo(n.catcher, first.buyer.email);
    const address = new URL(reminder!.headers["list-unsubscribe"]!.slice(1, -1));
    const res = await request(n.url)
      .post(`${address.pathname}${address.search}`)
      .type("form")
      .send("List-Unsubscribe=One-Click")
      .expect(200);
    expect(res.body).toEqual({ unsubscribed: "reminder" });

    const settings = await request(n.url)
      .get("/api/notifications/preferences")
      .set("Cookie", sessionCookie({ id: first.buyer.id }))
      .expect(200);
    expect(settings.body.preferences).toEqual({ alerts: true, reminders: false });

    // The same buyer reserves again (a new order of theirs) and then pays for it.
    const second = await placedOrder(n, FIVE_MINUTES, first.buyer);
    // Another buyer's reminder, due at the same time, shows a reminder round has passed.
    const control = await placedOrder(n, FIVE_MINUTES);
    await mailsTo(n.catcher, control.buyer.email);
    await n.publish(orderCompleted(second.order));
    await consumerIdle(n, "order.completed");
    await queueSettled(n);
    const subjects = (await inbox(n.catcher, first.buyer.email)).map((m) => m.subject);
    expect(subjects.filter((s) => s.startsWith("Your reservation"))).toHaveLength(1);
    expect(subjects).toContain("Order confirmed: Radiohead at the Forum");
  });

  it("the settings page's API turns reminders back on; bad input names the field", async () => {
    const cookie = sessionCookie({ id: crypto.randomUUID() });
    await request(n.url)
      .put("/api/notifications/preferences")
      .set("Cookie", cookie)
      .send({ reminders: false })
      .expect(200);
    const on = await request(n.url)
      .put("/api/notifications/preferences")
      .set("Cookie", cookie)
      .send({ reminders: true })
      .expect(200);
    expect(on.body.preferences).toEqual({ alerts: true, reminders: true });
    const bad = await request(n.url)
      .put("/api/notifications/preferences")
      .set("Cookie", cookie)
      .send({ reminders: "yes" })
      .expect(400);
    expect(bad.body.errors[0].field).toBe("reminders");
    await request(n.url).get("/api/notifications/preferences").expect(401);
  });

  it("a forged or foreign unsubscribe token is refused with 400 naming the token", async () => {
    const res = await request(n.url).post("/api/notifications/unsubscribe?token=abc.def").expect(400);
    expect(res.body.errors[0].field).toBe("token");
  });
});
