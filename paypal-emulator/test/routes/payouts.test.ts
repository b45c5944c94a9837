import request from "supertest";
import { accessToken, useEmulator } from "../helpers";

const emulator = useEmulator();
let token: string;

beforeAll(async () => {
  token = await accessToken(emulator().url);
});

const api = () => ({
  post: (path: string) => request(emulator().url).post(path).auth(token, { type: "bearer" }),
  get: (path: string) => request(emulator().url).get(path).auth(token, { type: "bearer" }),
});

let seq = 0;
const payout = (receivers: string[], senderBatchId = `batch-${Date.now()}-${++seq}`) => ({
  sender_batch_header: { sender_batch_id: senderBatchId, email_subject: "You have a payout" },
  items: receivers.map((receiver, i) => ({
    recipient_type: "EMAIL",
    amount: { currency: "USD", value: "18.40" },
    receiver,
    note: "Ticket sale",
    sender_item_id: `sale-${i}`,
  })),
});

test("a batch is answered PENDING, then shows every item SUCCESS with PayPal's fields", async () => {
  const created = await api()
    .post("/v1/payments/payouts")
    .send(payout(["a@example.test", "b@example.test"]));
  expect(created.status).toBe(201);
  expect(created.body.batch_header).toMatchObject({ payout_batch_id: expect.any(String), batch_status: "PENDING" });
  const batchId = created.body.batch_header.payout_batch_id;

  const shown = await api().get(`/v1/payments/payouts/${batchId}`).expect(200);
  expect(shown.body.batch_header).toMatchObject({
    batch_status: "SUCCESS",
    amount: { currency: "USD", value: "36.80" },
    sender_batch_header: { sender_batch_id: created.body.batch_header.sender_batch_header.sender_batch_id },
  });
  expect(shown.body.items).toHaveLength(2);
  expect(shown.body.items[0]).toMatchObject({
    payout_item_id: expect.any(String),
    transaction_id: expect.any(String),
    transaction_status: "SUCCESS",
    payout_batch_id: batchId,
    payout_item: { receiver: "a@example.test", sender_item_id: "sale-0", amount: { currency: "USD", value: "18.40" } },
  });

  const item = await api().get(`/v1/payments/payouts-item/${shown.body.items[1].payout_item_id}`).expect(200);
  expect(item.body).toMatchObject({ transaction_status: "SUCCESS", payout_batch_id: batchId });
  expect(item.body.errors).toBeUndefined();
});

test("a used sender_batch_id is refused with a link to the original batch; the same PayPal-Request-Id replays", async () => {
  const body = payout(["a@example.test"], "sales-2026-12-02-run-1");
  const first = await api().post("/v1/payments/payouts").set("PayPal-Request-Id", "run-1").send(body).expect(201);
  const replay = await api().post("/v1/payments/payouts").set("PayPal-Request-Id", "run-1").send(body).expect(201);
  expect(replay.body.batch_header.payout_batch_id).toBe(first.body.batch_header.payout_batch_id);

  const duplicate = await api().post("/v1/payments/payouts").send(body).expect(400);
  expect(duplicate.body.name).toBe("USER_BUSINESS_ERROR");
  expect(duplicate.body.details[0]).toMatchObject({ field: "sender_batch_id" });
  expect(duplicate.body.links).toContainEqual(
    expect.objectContaining({ rel: "self", href: expect.stringContaining(first.body.batch_header.payout_batch_id) }),
  );
  expect(emulator().payouts.batches.size).toBeGreaterThan(0);
  const sameSender = [...emulator().payouts.batches.values()].filter(
    (b) => b.header.sender_batch_id === "sales-2026-12-02-run-1",
  );
  expect(sameSender).toHaveLength(1);
});

test("outcomes by receiver and by the admin queue: UNCLAIMED and FAILED carry PayPal's errors", async () => {
  await request(emulator().url)
    .post("/emulator/payouts/next-outcomes")
    .send({ outcomes: ["FAILED"] })
    .expect(201);
  const created = await api()
    .post("/v1/payments/payouts")
    .send(payout(["someone@example.test", "unclaimed@example.test", "blocked+x@example.test"]))
    .expect(201);
  const shown = await api().get(`/v1/payments/payouts/${created.body.batch_header.payout_batch_id}`).expect(200);
  expect(shown.body.items.map((i: { transaction_status: string }) => i.transaction_status)).toEqual([
    "FAILED",
    "UNCLAIMED",
    "BLOCKED",
  ]);
  expect(shown.body.items[1].errors).toMatchObject({ name: "RECEIVER_UNREGISTERED" });
  expect(shown.body.items[0].errors).toMatchObject({ name: expect.any(String), message: expect.any(String) });
});

test("a PENDING item keeps the batch PROCESSING until its status is set; RETURNED later", async () => {
  const created = await api()
    .post("/v1/payments/payouts")
    .send(payout(["pending@example.test"]))
    .expect(201);
  const batchId = created.body.batch_header.payout_batch_id;
  const before = await api().get(`/v1/payments/payouts/${batchId}`).expect(200);
  expect(before.body.batch_header.batch_status).toBe("PROCESSING");
  const itemId = before.body.items[0].payout_item_id;
  expect(before.body.items[0].transaction_status).toBe("PENDING");

  await request(emulator().url)
    .post(`/emulator/payouts-item/${itemId}/status`)
    .send({ transaction_status: "UNCLAIMED" })
    .expect(200);
  expect((await api().get(`/v1/payments/payouts/${batchId}`).expect(200)).body.batch_header.batch_status).toBe(
    "SUCCESS",
  );
  await request(emulator().url)
    .post(`/emulator/payouts-item/${itemId}/status`)
    .send({ transaction_status: "RETURNED" })
    .expect(200);
  expect((await api().get(`/v1/payments/payouts-item/${itemId}`).expect(200)).body.transaction_status).toBe("RETURNED");
  await request(emulator().url)
    .post(`/emulator/payouts-item/${itemId}/status`)
    .send({ transaction_status: "X" })
    .expect(400);
});

test("bad batches are VALIDATION_ERROR naming the field; unknown ids are RESOURCE_NOT_FOUND", async () => {
  const noItems = await api()
    .post("/v1/payments/payouts")
    .send({ sender_batch_header: { sender_batch_id: "x" } });
  expect(noItems.status).toBe(400);
  expect(noItems.body).toMatchObject({ name: "VALIDATION_ERROR", details: [{ field: "items" }] });
  const badAmount = payout(["a@example.test"]);
  badAmount.items[0]!.amount.value = "1.234";
  const bad = await api().post("/v1/payments/payouts").send(badAmount).expect(400);
  expect(bad.body.details[0].field).toBe("items[0].amount.value");
  const badReceiver = await api()
    .post("/v1/payments/payouts")
    .send(payout(["not-an-email"]))
    .expect(400);
  expect(badReceiver.body.details[0].field).toBe("items[0].receiver");
  await api().get("/v1/payments/payouts/NOSUCHBATCH").expect(404);
  await api().get("/v1/payments/payouts-item/NOSUCHITEM").expect(404);
  await request(emulator().url).get("/v1/payments/payouts/ANY").expect(401);
});

test("the 5xx faults apply to payouts as to every API call (a retry with the same sender_batch_id is then safe)", async () => {
  await request(emulator().url)
    .post("/emulator/faults")
    .send({ mode: "error", status: 503, path: "/v1/payments/payouts" })
    .expect(201);
  const body = payout(["a@example.test"]);
  await api().post("/v1/payments/payouts").send(body).expect(503);
  await api().post("/v1/payments/payouts").send(body).expect(201);
});
