import { randomUUID } from "node:crypto";
import { createEvent, mailLinkKey, verifyLinkToken } from "@m-ticketing/common";
import { TEST_JWT_KEY } from "@m-ticketing/common/testing";
import { consumerIdle, linkIn, mailsTo, type Notifications, newUser, PUBLIC_URL, startNotifications } from "../helpers";

let n: Notifications;
beforeAll(async () => {
  n = await startNotifications();
});
afterAll(() => n.stop());

const key = mailLinkKey({ JWT_KEY: TEST_JWT_KEY });
const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

describe("account mail from auth's events", () => {
  it("verify your address: a link to the verify page whose token auth will accept for that verification", async () => {
    const user = newUser({ emailVerified: false, name: "Ada Lovelace" });
    const verificationId = randomUUID();
    await n.publish(createEvent("user.email-verification-requested", { user, verificationId, expiresAt: inADay() }));
    const [mail] = await mailsTo(n.catcher, user.email);
    expect(mail!.subject).toBe("Verify your e-mail address for Ticketing");
    expect(mail!.text).toContain("Hello Ada Lovelace,");
    const link = linkIn(mail!, PUBLIC_URL);
    expect(link.pathname).toBe("/auth/verify-email");
    expect(verifyLinkToken("verify-email", link.searchParams.get("token"), key)).toBe(verificationId);
    // A token for one purpose is worth nothing for another.
    expect(verifyLinkToken("password-reset", link.searchParams.get("token"), key)).toBeNull();
  });

  it("password reset: a link to the reset page; the event itself carries no usable token", async () => {
    const user = newUser();
    const resetId = randomUUID();
    const event = createEvent("user.password-reset-requested", { user, resetId, expiresAt: inADay() });
    expect(JSON.stringify(event)).not.toMatch(/token/i);
    await n.publish(event);
    const [mail] = await mailsTo(n.catcher, user.email);
    expect(mail!.subject).toBe("Reset your Ticketing password");
    const link = linkIn(mail!, PUBLIC_URL);
    expect(link.pathname).toBe("/auth/reset-password");
    expect(verifyLinkToken("password-reset", link.searchParams.get("token"), key)).toBe(resetId);
  });

  it("a new Google sign-in linked, and the name the replica knows is the newest one", async () => {
    const user = newUser({ name: "Old Name" });
    await n.publish(createEvent("user.created", { user }));
    await consumerIdle(n, "user.created");
    await n.publish(createEvent("user.updated", { user: { ...user, name: "New Name" } }));
    await consumerIdle(n, "user.updated");
    await n.publish(createEvent("user.google-linked", { user: { ...user, name: "New Name" } }));
    const [mail] = await mailsTo(n.catcher, user.email);
    expect(mail!.subject).toBe("Google sign-in was linked to your Ticketing account");
    expect(mail!.text).toContain("Hello New Name,");
    expect(linkIn(mail!, PUBLIC_URL).pathname).toBe("/settings");
  });
});
