// Auth, notifications and tickets on one stream, mail through a real SMTP catcher: what a person
// does from their inbox. Sign up → "verify your address" → listing allowed; forgot password →
// reset link → new password → signed in, every other session out, the link single-use and
// short-lived. Each service connects to NATS as its own user, so a missing permission fails here.
import { attachTicketFile, eventually, startTest } from "@m-ticketing/common/testing";
import { type CaughtMessage, type MailCatcher, startMailCatcher } from "@m-ticketing/mail-catcher";
import request from "supertest";
import { authModule } from "../auth/src/app";
import { cookieFrom, signUpUser, uniqueEmail } from "../auth/test/helpers/auth-service";
import { notificationsModule } from "../notifications/src/app";
import { ticketsModule } from "../tickets/src/app";

const PUBLIC_URL = "https://tickets.example.test";

async function startAccounts() {
  const catcher: MailCatcher = await startMailCatcher();
  const t = await startTest({
    services: [authModule, notificationsModule, ticketsModule],
    env: {
      PUBLIC_URL,
      PASSWORD_SCRYPT_LOG_N: "14",
      SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`,
      MAIL_POLL_MS: "50",
    },
  });
  const auth = t.get(authModule);
  return {
    catcher,
    authUrl: auth.url,
    ticketsUrl: t.get(ticketsModule).url,
    authQuery: (sql: string, params: unknown[]) => auth.service.context.database.pool.query(sql, params),
    async stop() {
      await t.stop();
      await catcher.stop();
    },
  };
}

type Accounts = Awaited<ReturnType<typeof startAccounts>>;

/** The mails `to` has received, from the catcher's HTTP API, once there are `count`. */
function mailsTo(m: Accounts, to: string, count = 1): Promise<CaughtMessage[]> {
  return eventually(async () => {
    const res = await fetch(`${m.catcher.url}/api/messages?to=${encodeURIComponent(to)}`);
    const found = (await res.json()) as CaughtMessage[];
    return found.length >= count ? found : undefined;
  });
}

/** The token of the link to `path` in the mail's text part, checking the link points at our site. */
function linkToken(mail: CaughtMessage, path: string): string {
  const match = mail.text
    .match(/https?:\/\/\S+/g)
    ?.map((u) => new URL(u))
    .find((u) => u.pathname === path);
  if (!match) throw new Error(`no link to ${path} in:\n${mail.text}`);
  expect(match.origin).toBe(PUBLIC_URL);
  return match.searchParams.get("token")!;
}

const listing = {
  title: "Nick Cave",
  price: "45.00",
  eventDate: `${new Date().getUTCFullYear() + 1}-01-01T20:00:00Z`,
  venue: "Royal Albert Hall",
};

let m: Accounts;
beforeAll(async () => {
  m = await startAccounts();
});
afterAll(() => m.stop());

describe("verify your address", () => {
  test("an unverified user can not list (403 naming why); the mailed link verifies, and then they can, once", async () => {
    const { cookie, email } = await signUpUser(m.authUrl, { name: "Ada Lovelace" });
    const refused = await request(m.ticketsUrl).post("/api/tickets").set("Cookie", cookie).send(listing).expect(403);
    expect(refused.body.errors[0].message).toMatch(/verify your email address/i);

    const [mail] = await mailsTo(m, email);
    expect(mail!.subject).toBe("Verify your e-mail address for Ticketing");
    expect(mail!.text).toContain("Hello Ada Lovelace,");
    const token = linkToken(mail!, "/auth/verify-email");

    const verified = await request(m.authUrl).post("/api/users/verify-email").set("Cookie", cookie).send({ token });
    expect(verified.status).toBe(200);
    expect(verified.body.user.emailVerified).toBe(true);
    const renewed = cookieFrom(verified)!;
    await request(m.ticketsUrl).post("/api/tickets").set("Cookie", renewed).send(listing).expect(201);

    const again = await request(m.authUrl).post("/api/users/verify-email").send({ token }).expect(400);
    expect(again.body.errors[0].field).toBe("token");
  });

  test("a browser whose cookie predates the verification gets a renewed one from currentuser", async () => {
    const { cookie, email } = await signUpUser(m.authUrl);
    const [mail] = await mailsTo(m, email);
    // Verified from another device (no cookie sent with the click).
    await request(m.authUrl)
      .post("/api/users/verify-email")
      .send({ token: linkToken(mail!, "/auth/verify-email") })
      .expect(200);
    const current = await request(m.authUrl).get("/api/users/currentuser").set("Cookie", cookie).expect(200);
    expect(current.body.currentUser.emailVerified).toBe(true);
    await request(m.ticketsUrl).post("/api/tickets").set("Cookie", cookieFrom(current)!).send(listing).expect(201);
  });
});

describe("forgot password", () => {
  test("the same answer for any address; the mailed link sets a new password, signs this browser in and every other session out", async () => {
    const { cookie: otherDevice, email } = await signUpUser(m.authUrl, { password: "old password 1" });
    await mailsTo(m, email); // the verification mail

    const known = await request(m.authUrl).post("/api/users/password-reset").send({ email }).expect(202);
    const unknown = await request(m.authUrl)
      .post("/api/users/password-reset")
      .send({ email: uniqueEmail("nobody") })
      .expect(202);
    expect(unknown.body).toEqual(known.body);

    const [, resetMail] = await mailsTo(m, email, 2);
    expect(resetMail!.subject).toBe("Reset your Ticketing password");
    const token = linkToken(resetMail!, "/auth/reset-password");

    const reset = await request(m.authUrl)
      .post("/api/users/password-reset/confirm")
      .send({ token, password: "new password 2", passwordConfirm: "new password 2" })
      .expect(200);
    const signedIn = await request(m.authUrl).get("/api/users/currentuser").set("Cookie", cookieFrom(reset)!);
    expect(signedIn.body.currentUser.email).toBe(email);
    const old = await request(m.authUrl).get("/api/users/currentuser").set("Cookie", otherDevice);
    expect(old.body.currentUser).toBeNull();

    await request(m.authUrl).post("/api/users/signin").send({ email, password: "new password 2" }).expect(200);
    await request(m.authUrl).post("/api/users/signin").send({ email, password: "old password 1" }).expect(400);

    const [, , changed] = await mailsTo(m, email, 3);
    expect(changed!.subject).toBe("Your Ticketing password was reset");

    // Used once: refused the second time.
    const reused = await request(m.authUrl)
      .post("/api/users/password-reset/confirm")
      .send({ token, password: "third password 3", passwordConfirm: "third password 3" })
      .expect(400);
    expect(reused.body.errors[0].field).toBe("token");
  });

  test("a link past its hour is refused, and the password stays as it was", async () => {
    const { email } = await signUpUser(m.authUrl, { password: "old password 1" });
    await request(m.authUrl).post("/api/users/password-reset").send({ email }).expect(202);
    const mails = await mailsTo(m, email, 2);
    const token = linkToken(mails.find((x) => x.subject.startsWith("Reset"))!, "/auth/reset-password");
    // An hour later, as far as the link is concerned.
    await m.authQuery(
      "update password_resets set expires_at = now() - interval '1 second' where user_id = (select id from users where email = $1)",
      [email],
    );
    const expired = await request(m.authUrl)
      .post("/api/users/password-reset/confirm")
      .send({ token, password: "new password 2", passwordConfirm: "new password 2" })
      .expect(400);
    expect(expired.body.errors[0].message).toMatch(/expired/);
    await request(m.authUrl).post("/api/users/signin").send({ email, password: "old password 1" }).expect(200);
  });
});

describe("notify me when tickets are listed", () => {
  /** A signed-up user whose address is verified (sellers must be), with their renewed cookie. */
  async function verifiedUser(name: string) {
    const { cookie, email } = await signUpUser(m.authUrl, { name });
    const [mail] = await mailsTo(m, email);
    const verified = await request(m.authUrl)
      .post("/api/users/verify-email")
      .set("Cookie", cookie)
      .send({ token: linkToken(mail!, "/auth/verify-email") })
      .expect(200);
    return { cookie: cookieFrom(verified)!, email };
  }

  test("a fan who asked on the event's page gets one alert when a listing becomes visible; the seller gets none", async () => {
    const seller = await verifiedUser("Sam Seller");
    const fan = await signUpUser(m.authUrl, { name: "Fay Fan" });
    await mailsTo(m, fan.email); // the verification mail

    // The seller lists (the event is created with it); nobody sees it until the ticket file is attached.
    const first = await request(m.ticketsUrl)
      .post("/api/tickets")
      .set("Cookie", seller.cookie)
      .send(listing)
      .expect(201);
    const eventId = first.body.ticket.eventId as string;
    await request(m.ticketsUrl).post(`/api/events/${eventId}/alerts`).set("Cookie", fan.cookie).expect(201);
    await request(m.ticketsUrl).post(`/api/events/${eventId}/alerts`).set("Cookie", seller.cookie).expect(201);
    await attachTicketFile(m.ticketsUrl, seller.cookie, first.body.ticket.id);

    const [, alert] = await mailsTo(m, fan.email, 2);
    expect(alert!.subject).toBe("Tickets listed for Nick Cave");
    expect(alert!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const link = alert!.text.match(/https?:\/\/\S+\/events\/\S+/)?.[0];
    expect(link && new URL(link).pathname).toBe(`/events/${eventId}`);

    // A second listing for the same event within the hour: no second alert (a control user who
    // starts watching now is alerted, so the listing was handled).
    const control = await signUpUser(m.authUrl, { name: "Cal Control" });
    await mailsTo(m, control.email);
    await request(m.ticketsUrl).post(`/api/events/${eventId}/alerts`).set("Cookie", control.cookie).expect(201);
    const second = await request(m.ticketsUrl)
      .post("/api/tickets")
      .set("Cookie", seller.cookie)
      .send({ eventId, price: "45.00", faceValue: "45.00" })
      .expect(201);
    await attachTicketFile(m.ticketsUrl, seller.cookie, second.body.ticket.id);
    await mailsTo(m, control.email, 2);
    const fanMail = await (await fetch(`${m.catcher.url}/api/messages?to=${encodeURIComponent(fan.email)}`)).json();
    expect(fanMail).toHaveLength(2);
    const sellerMail = (await (
      await fetch(`${m.catcher.url}/api/messages?to=${encodeURIComponent(seller.email)}`)
    ).json()) as CaughtMessage[];
    expect(sellerMail.map((x) => x.subject)).toEqual(["Verify your e-mail address for Ticketing"]);
  });
});
