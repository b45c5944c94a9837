// Issue 12 finding 1: anyone who could reach NATS could publish `payment.created` and mark
// an order paid. The bus now requires credentials, and each service's user may publish
// only its own event subjects (scripts/lib/nats-auth.mjs).
import { randomUUID } from "node:crypto";
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { connectMessaging, type Messaging } from "../../src/messaging/connection";
import { deleteStream, type NatsUser, natsAuth, natsUrl, testNatsConnection, uniqueMessaging } from "../../src/testing";

const names = uniqueMessaging();
let admin: Messaging;

beforeAll(async () => {
  admin = await connectMessaging({
    ...testNatsConnection(),
    stream: names.NATS_STREAM,
    subjectPrefix: names.NATS_SUBJECT_PREFIX,
    name: "security-test",
  });
});
afterAll(async () => {
  await admin.close();
  await deleteStream(names.NATS_STREAM);
});

/** The hand-made envelope of the report: an order marked paid with 1 cent. */
const forged = (type: string) => ({
  id: randomUUID(),
  type,
  version: 1,
  occurredAt: new Date().toISOString(),
  data: { id: randomUUID(), orderId: randomUUID(), paypalOrderId: "X", captureId: "X", amount: 1, currency: "USD" },
});

/** "PermissionViolationError", whether NATS reported it directly or as the cause of a failed request. */
const denial = (err: Error | null) =>
  err &&
  (err.name === "PermissionViolationError" || (err.cause as Error | undefined)?.name === "PermissionViolationError")
    ? "PermissionViolationError"
    : (err?.message ?? null);

const streamCount = async () => (await admin.jsm.streams.info(names.NATS_STREAM)).state.messages;

/** Publishes through JetStream as `user`; resolves to the error, or null when it was stored. */
async function publishAs(user: NatsUser, type: string): Promise<Error | null> {
  const nc = await connect({ servers: natsUrl(), ...natsAuth(user) });
  try {
    await jetstream(nc).publish(`${names.NATS_SUBJECT_PREFIX}${type}`, JSON.stringify(forged(type)), { timeout: 2000 });
    return null;
  } catch (err) {
    return err as Error;
  } finally {
    await nc.close();
  }
}

test("a client without credentials cannot connect to the project's NATS", async () => {
  await expect(connect({ servers: natsUrl(), reconnect: false })).rejects.toThrow(/authorization/i);
  await expect(
    connect({ servers: natsUrl(), user: "orders", pass: "not-the-password", reconnect: false }),
  ).rejects.toThrow(/authorization/i);
});

test("no service but payments can publish payment.created (the forged payment that marked an order paid)", async () => {
  const before = await streamCount();
  for (const user of ["auth", "tickets", "orders", "expiration"] as const) {
    expect(denial(await publishAs(user, "payment.created"))).toBe("PermissionViolationError");
  }
  expect(await streamCount()).toBe(before);
  expect(await publishAs("payments", "payment.created")).toBeNull();
  expect(await streamCount()).toBe(before + 1);
});

test("each service publishes only its own subjects; only auth can revoke sessions", async () => {
  const own: Record<Exclude<NatsUser, "test">, string> = {
    auth: "user.sessions-revoked",
    tickets: "ticket.created",
    orders: "order.completed",
    payments: "payment.refunded",
    expiration: "expiration.complete",
    notifications: "notification.sent",
  };
  for (const [user, subject] of Object.entries(own) as [Exclude<NatsUser, "test">, string][]) {
    expect(await publishAs(user, subject)).toBeNull();
    for (const [other, otherSubject] of Object.entries(own)) {
      if (other === user) continue;
      expect({ user, otherSubject, err: denial(await publishAs(user, otherSubject)) }).toEqual({
        user,
        otherSubject,
        err: "PermissionViolationError",
      });
    }
  }
});

test("a service cannot read or delete another service's consumers or the stream", async () => {
  const nc = await connect({ servers: natsUrl(), ...natsAuth("tickets") });
  try {
    const err = await nc
      .request(`$JS.API.STREAM.DELETE.${names.NATS_STREAM}`, undefined, { timeout: 2000 })
      .then(() => null)
      .catch((e: Error) => e);
    expect(denial(err)).toBe("PermissionViolationError");
    const peek = await nc
      .request(`$JS.API.CONSUMER.MSG.NEXT.${names.NATS_STREAM}.orders-payment_created`, undefined, { timeout: 2000 })
      .then(() => null)
      .catch((e: Error) => e);
    expect(denial(peek)).toBe("PermissionViolationError");
  } finally {
    await nc.close();
  }
});
