import { createVerify } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { crc32 } from "node:zlib";
import request from "supertest";
import { accessToken, approvedOrder, useEmulator } from "../helpers";

const emulator = useEmulator();
let token: string;
let receiver: http.Server;
let received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
let answer = 200;
let webhookId: string;

beforeAll(async () => {
  token = await accessToken(emulator().url);
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const created = await api()
    .post("/v1/notifications/webhooks")
    .send({ url, event_types: [{ name: "*" }] })
    .expect(201);
  webhookId = created.body.id;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
  received = [];
  answer = 200;
});

const api = () => ({
  post: (path: string) => request(emulator().url).post(path).auth(token, { type: "bearer" }),
  get: (path: string) => request(emulator().url).get(path).auth(token, { type: "bearer" }),
});

async function capturedId(): Promise<string> {
  const id = await approvedOrder(emulator().url, token);
  const res = await api().post(`/v2/checkout/orders/${id}/capture`).expect(201);
  return res.body.purchase_units[0].payments.captures[0].id;
}

const verifyBody = (delivery: { headers: http.IncomingHttpHeaders; body: string }, id = webhookId) => ({
  auth_algo: delivery.headers["paypal-auth-algo"],
  cert_url: delivery.headers["paypal-cert-url"],
  transmission_id: delivery.headers["paypal-transmission-id"],
  transmission_sig: delivery.headers["paypal-transmission-sig"],
  transmission_time: delivery.headers["paypal-transmission-time"],
  webhook_id: id,
  webhook_event: JSON.parse(delivery.body),
});

const ofType = (type: string) => received.filter((d) => JSON.parse(d.body).event_type === type);

test("a refund made at PayPal sends a signed PAYMENT.CAPTURE.REFUNDED that verify-webhook-signature accepts", async () => {
  const captureId = await capturedId();
  await request(emulator().url).post(`/emulator/captures/${captureId}/refund`).send({}).expect(201);
  await emulator().webhooks.idle();
  const [delivery] = ofType("PAYMENT.CAPTURE.REFUNDED");
  expect(delivery).toBeDefined();
  const event = JSON.parse(delivery!.body);
  expect(event).toMatchObject({ id: expect.stringMatching(/^WH-/), resource_type: "refund", event_version: "1.0" });
  expect(event.resource.links).toContainEqual(
    expect.objectContaining({ rel: "up", href: expect.stringContaining(captureId) }),
  );
  expect(delivery!.headers["paypal-auth-algo"]).toBe("SHA256withRSA");

  const ok = await api().post("/v1/notifications/verify-webhook-signature").send(verifyBody(delivery!)).expect(200);
  expect(ok.body).toEqual({ verification_status: "SUCCESS" });

  // The signature is PayPal's scheme, checkable with the key the cert URL serves.
  const pem = await request(delivery!.headers["paypal-cert-url"] as string)
    .get("")
    .expect(200);
  const check = createVerify("sha256");
  check.update(
    `${delivery!.headers["paypal-transmission-id"]}|${delivery!.headers["paypal-transmission-time"]}|${webhookId}|${crc32(delivery!.body)}`,
  );
  expect(check.verify(pem.text, delivery!.headers["paypal-transmission-sig"] as string, "base64")).toBe(true);
});

test("a changed event, another webhook id or a forged signature is FAILURE; missing fields are VALIDATION_ERROR", async () => {
  const captureId = await capturedId();
  await request(emulator().url).post(`/emulator/captures/${captureId}/dispute`).send({}).expect(201);
  await emulator().webhooks.idle();
  const [delivery] = ofType("CUSTOMER.DISPUTE.CREATED");
  const body = verifyBody(delivery!);
  expect(body.webhook_event.resource.disputed_transactions[0].seller_transaction_id).toBe(captureId);
  const tampered = { ...body, webhook_event: { ...body.webhook_event, event_type: "PAYMENT.CAPTURE.REFUNDED" } };
  for (const bad of [tampered, { ...body, webhook_id: "OTHER" }, { ...body, transmission_sig: "Zm9yZ2Vk" }]) {
    const res = await api().post("/v1/notifications/verify-webhook-signature").send(bad).expect(200);
    expect(res.body.verification_status).toBe("FAILURE");
  }
  const { webhook_event: _omit, ...missing } = body;
  const res = await api().post("/v1/notifications/verify-webhook-signature").send(missing).expect(400);
  expect(res.body.details[0].field).toBe("webhook_event");
});

test("merchant refunds, reversals and payout items send their events; resend repeats the event id", async () => {
  const captureId = await capturedId();
  await api()
    .post(`/v2/payments/captures/${captureId}/refund`)
    .send({ amount: { currency_code: "USD", value: "1.00" } })
    .expect(201);
  await request(emulator().url).post(`/emulator/captures/${captureId}/reverse`).send({}).expect(201);
  await api()
    .post("/v1/payments/payouts")
    .send({
      sender_batch_header: { sender_batch_id: `wh-${Date.now()}` },
      items: [{ amount: { currency: "USD", value: "5.00" }, receiver: "unclaimed@example.test" }],
    })
    .expect(201);
  await emulator().webhooks.idle();
  expect(ofType("PAYMENT.CAPTURE.COMPLETED")).toHaveLength(1);
  expect(ofType("PAYMENT.CAPTURE.REFUNDED")).toHaveLength(1);
  expect(ofType("PAYMENT.CAPTURE.REVERSED")).toHaveLength(1);
  const [unclaimed] = ofType("PAYMENT.PAYOUTS-ITEM.UNCLAIMED");
  const event = JSON.parse(unclaimed!.body);
  expect(event.resource).toMatchObject({ transaction_status: "UNCLAIMED", payout_item_id: expect.any(String) });

  received = [];
  await api().post(`/v1/notifications/webhooks-events/${event.id}/resend`).send().expect(202);
  await emulator().webhooks.idle();
  expect(received).toHaveLength(1);
  expect(JSON.parse(received[0]!.body).id).toBe(event.id);
  expect(received[0]!.headers["paypal-transmission-id"]).not.toBe(unclaimed!.headers["paypal-transmission-id"]);
  const shown = await api().get(`/v1/notifications/webhooks-events/${event.id}`).expect(200);
  expect(shown.body.event_type).toBe("PAYMENT.PAYOUTS-ITEM.UNCLAIMED");
});

test("a delivery answered 500 is recorded (and retried later, as PayPal does)", async () => {
  answer = 500;
  const captureId = await capturedId();
  await request(emulator().url).post(`/emulator/captures/${captureId}/refund`).send({}).expect(201);
  await emulator().webhooks.idle();
  const log = await request(emulator().url).get("/emulator/webhooks").expect(200);
  const refunded = log.body.events.find(
    (e: { event: { event_type: string; resource: { links: Array<{ href: string }> } } }) =>
      e.event.event_type === "PAYMENT.CAPTURE.REFUNDED" &&
      e.event.resource.links.some((l) => l.href.includes(captureId)),
  );
  expect(refunded.deliveries).toEqual([expect.objectContaining({ status: 500, webhookId })]);
});
