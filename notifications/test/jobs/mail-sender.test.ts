import { randomUUID } from "node:crypto";
import { createEvent } from "@m-ticketing/common";
import { eventually } from "@m-ticketing/common/testing";
import {
  inbox,
  mailsTo,
  type Notifications,
  newUser,
  orderCompleted,
  placedOrder,
  queueSettled,
  startNotifications,
  userCreated,
} from "../helpers";

let n: Notifications;
beforeAll(async () => {
  n = await startNotifications();
});
afterAll(() => n.stop());

const passwordChanged = (user: ReturnType<typeof newUser>) =>
  createEvent("user.password-changed", { user, how: "changed" });

describe("the mail queue", () => {
  it("loses nothing while SMTP is down for 10 s: every mail of a burst arrives once it is back, exactly once", async () => {
    const orders = await Promise.all(Array.from({ length: 3 }, () => placedOrder(n)));
    const users = Array.from({ length: 10 }, () => newUser());
    await n.smtp.cut();

    for (const user of users) await n.publish(passwordChanged(user));
    for (const { order } of orders) await n.publish(orderCompleted(order));
    // Down for real, for 10 s (issue 16): every one of the 16 mails has been tried and refused
    // at least twice, and the first of them has waited 10 s by the database's clock.
    await eventually(async () => {
      const [row] = await n.query<{ tried: number; waited: boolean }>(
        `select count(*) filter (where attempts >= 2)::int as tried,
                coalesce(min(created_at) <= now() - interval '10 seconds', false) as waited
           from mails where status = 'pending'`,
      );
      return row!.tried === 16 && row!.waited;
    }, 30_000);
    expect(n.catcher.messages()).toHaveLength(0);

    await n.smtp.start();
    await queueSettled(n);
    for (const user of users) expect(await inbox(n.catcher, user.email)).toHaveLength(1);
    for (const { buyer, seller } of orders) {
      expect(await inbox(n.catcher, buyer.email)).toHaveLength(1);
      expect(await inbox(n.catcher, seller.email)).toHaveLength(1);
    }
  });

  it("a permanent bounce (550 to RCPT TO) stops every later mail to that address", async () => {
    const user = newUser({ email: `bounce+${randomUUID().slice(0, 8)}@example.test` });
    await n.publish(userCreated(user));
    await n.publish(passwordChanged(user));
    await eventually(async () => {
      const rows = await n.query<{ status: string }>("select status from mails where recipient = $1", [user.email]);
      return rows[0]?.status === "bounced";
    });
    const [suppressed] = await n.query<{ reason: string }>("select reason from suppressed_addresses where email = $1", [
      user.email,
    ]);
    expect(suppressed!.reason).toMatch(/550/);

    await n.publish(passwordChanged(user));
    await eventually(async () => {
      const rows = await n.query<{ status: string }>(
        "select status from mails where recipient = $1 order by created_at",
        [user.email],
      );
      return rows.length === 2 && rows[1]!.status === "suppressed";
    });
    // The catcher refused the first one and never saw the second.
    expect(await inbox(n.catcher, user.email)).toHaveLength(0);
  });

  it("a mail for another address of the same burst still goes out", async () => {
    const user = newUser();
    await n.publish(passwordChanged(user));
    const [mail] = await mailsTo(n.catcher, user.email);
    expect(mail!.subject).toBe("Your Ticketing password was changed");
    expect(mail!.messageId).toMatch(/^<[0-9a-f-]{36}@tickets\.example\.test>$/);
  });
});
