import request from "supertest";
import { accessToken, approvedOrder, useEmulator } from "../helpers";

const emulator = useEmulator();
let token: string;

beforeAll(async () => {
  token = await accessToken(emulator().url);
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

test("a full refund marks the capture REFUNDED", async () => {
  const captureId = await capturedId();
  const refund = await api().post(`/v2/payments/captures/${captureId}/refund`).send({}).expect(201);
  expect(refund.body).toMatchObject({ id: expect.any(String), status: "COMPLETED" });

  const capture = await api().get(`/v2/payments/captures/${captureId}`).expect(200);
  expect(capture.body).toMatchObject({ id: captureId, status: "REFUNDED", amount: { value: "20.50" } });
  const shown = await api().get(`/v2/payments/refunds/${refund.body.id}`).expect(200);
  expect(shown.body.amount).toEqual({ currency_code: "USD", value: "20.50" });
});

test("refunds are idempotent by PayPal-Request-Id and never exceed the capture", async () => {
  const captureId = await capturedId();
  const first = await api().post(`/v2/payments/captures/${captureId}/refund`).set("PayPal-Request-Id", "r-1").send();
  const again = await api().post(`/v2/payments/captures/${captureId}/refund`).set("PayPal-Request-Id", "r-1").send();
  expect(again.status).toBe(201);
  expect(again.body.id).toBe(first.body.id);
  const more = await api().post(`/v2/payments/captures/${captureId}/refund`).send().expect(422);
  expect(more.body.details[0].issue).toBe("CAPTURE_FULLY_REFUNDED");
});

test("a partial refund leaves the capture PARTIALLY_REFUNDED", async () => {
  const captureId = await capturedId();
  await api()
    .post(`/v2/payments/captures/${captureId}/refund`)
    .send({ amount: { currency_code: "USD", value: "5.00" } })
    .expect(201);
  const capture = await api().get(`/v2/payments/captures/${captureId}`).expect(200);
  expect(capture.body.status).toBe("PARTIALLY_REFUNDED");
  const tooMuch = await api()
    .post(`/v2/payments/captures/${captureId}/refund`)
    .send({ amount: { currency_code: "USD", value: "20.00" } })
    .expect(422);
  expect(tooMuch.body.details[0].issue).toBe("REFUND_AMOUNT_EXCEEDED");
});

test("unknown captures are RESOURCE_NOT_FOUND", async () => {
  await api().post("/v2/payments/captures/NOSUCHCAPTURE/refund").send().expect(404);
  await api().get("/v2/payments/captures/NOSUCHCAPTURE").expect(404);
});
