import request from "supertest";
import { accessToken, approvedOrder, createOrder, orderBody, useEmulator } from "../helpers";

/** An order for `total` with `item_total` (if given) and one item per unit amount. */
const withItems = (total: string, itemTotal: string | undefined, units: string[]) => {
  const body = orderBody(total);
  const unit = body.purchase_units[0] as Record<string, unknown> & { amount: Record<string, unknown> };
  if (itemTotal) unit.amount.breakdown = { item_total: { currency_code: "USD", value: itemTotal } };
  unit.items = units.map((value, i) => ({
    name: `item ${i}`,
    quantity: "1",
    unit_amount: { currency_code: "USD", value },
  }));
  return body;
};

const emulator = useEmulator();
let token: string;

beforeAll(async () => {
  token = await accessToken(emulator().url);
});

const api = () => ({
  post: (path: string) => request(emulator().url).post(path).auth(token, { type: "bearer" }),
  get: (path: string) => request(emulator().url).get(path).auth(token, { type: "bearer" }),
});

describe("create order", () => {
  test("answers the id, status CREATED and an approve link to its own page", async () => {
    const res = await api().post("/v2/checkout/orders").send(orderBody()).expect(201);
    expect(res.body.status).toBe("CREATED");
    expect(res.body.id).toMatch(/^[A-Z0-9]{17}$/);
    const approve = res.body.links.find((l: { rel: string }) => l.rel === "approve");
    expect(approve.href).toBe(`${emulator().url}/checkoutnow?token=${res.body.id}`);
  });

  test("keeps the purchase unit as sent", async () => {
    const id = await createOrder(emulator().url, token);
    const res = await api().get(`/v2/checkout/orders/${id}`).expect(200);
    expect(res.body).toMatchObject({
      id,
      intent: "CAPTURE",
      status: "CREATED",
      purchase_units: [
        {
          reference_id: "8e0a9f3c-2d1b-4c1e-9b61-0f6c2d8e4a10",
          custom_id: "8e0a9f3c-2d1b-4c1e-9b61-0f6c2d8e4a10",
          amount: { currency_code: "USD", value: "20.50" },
        },
      ],
    });
  });

  test("with payment_source.paypal it asks for payer action, as PayPal does", async () => {
    const body = orderBody("5.00", {
      payment_source: { paypal: { experience_context: { return_url: "http://shop.test/done" } } },
    });
    const res = await api().post("/v2/checkout/orders").send(body).expect(201);
    expect(res.body.status).toBe("PAYER_ACTION_REQUIRED");
    expect(res.body.links.map((l: { rel: string }) => l.rel)).toContain("payer-action");
  });

  test("returns the full order with Prefer: return=representation", async () => {
    const res = await api()
      .post("/v2/checkout/orders")
      .set("Prefer", "return=representation")
      .send(orderBody())
      .expect(201);
    expect(res.body.purchase_units[0].amount).toEqual({ currency_code: "USD", value: "20.50" });
  });

  test("accepts a breakdown whose items add up to item_total and the amount", async () => {
    await api()
      .post("/v2/checkout/orders")
      .send(withItems("23.54", "23.54", ["20.50", "3.04"]))
      .expect(201);
  });

  test("the same PayPal-Request-Id returns the same order instead of a second one", async () => {
    const first = await api().post("/v2/checkout/orders").set("PayPal-Request-Id", "req-1").send(orderBody());
    const again = await api().post("/v2/checkout/orders").set("PayPal-Request-Id", "req-1").send(orderBody());
    const other = await api().post("/v2/checkout/orders").set("PayPal-Request-Id", "req-2").send(orderBody());
    expect(again.body.id).toBe(first.body.id);
    expect(other.body.id).not.toBe(first.body.id);
  });

  test.each([
    [{ purchase_units: orderBody().purchase_units }, 400, "MISSING_REQUIRED_PARAMETER", "/intent"],
    [{ intent: "CAPTURE" }, 400, "MISSING_REQUIRED_PARAMETER", "/purchase_units"],
    [orderBody("abc"), 400, "INVALID_PARAMETER_SYNTAX", "/purchase_units/0/amount/value"],
    [orderBody("1.005"), 422, "DECIMAL_PRECISION", undefined],
    [orderBody("0.00"), 422, "CANNOT_BE_ZERO_OR_NEGATIVE", undefined],
    // A breakdown and items must add up (as payments sends them: the ticket and the service fee).
    [withItems("23.54", "23.00", ["20.50", "3.04"]), 422, "AMOUNT_MISMATCH", undefined],
    [withItems("23.54", "23.54", ["20.50", "3.00"]), 422, "ITEM_TOTAL_MISMATCH", undefined],
    [withItems("23.54", undefined, ["20.50", "3.04"]), 422, "ITEM_TOTAL_REQUIRED", undefined],
  ])("rejects a bad body in PayPal's error shape (%#)", async (body, status, issue, field) => {
    const res = await api().post("/v2/checkout/orders").send(body).expect(status);
    expect(res.body).toMatchObject({
      name: expect.any(String),
      message: expect.any(String),
      debug_id: expect.any(String),
    });
    expect(res.body.details[0].issue).toBe(issue);
    if (field) expect(res.body.details[0].field).toBe(field);
  });

  test("answers MALFORMED_REQUEST_JSON for a body that is not JSON", async () => {
    const res = await api().post("/v2/checkout/orders").type("json").send("{nope").expect(400);
    expect(res.body.details[0].issue).toBe("MALFORMED_REQUEST_JSON");
  });
});

describe("capture", () => {
  test("refuses before the buyer approved: 422 ORDER_NOT_APPROVED", async () => {
    const id = await createOrder(emulator().url, token);
    const res = await api().post(`/v2/checkout/orders/${id}/capture`).expect(422);
    expect(res.body.name).toBe("UNPROCESSABLE_ENTITY");
    expect(res.body.details[0].issue).toBe("ORDER_NOT_APPROVED");
  });

  test("captures the order's amount once approved", async () => {
    const id = await approvedOrder(emulator().url, token);
    const res = await api().post(`/v2/checkout/orders/${id}/capture`).expect(201);
    expect(res.body.status).toBe("COMPLETED");
    const capture = res.body.purchase_units[0].payments.captures[0];
    expect(capture).toMatchObject({ status: "COMPLETED", amount: { currency_code: "USD", value: "20.50" } });
    expect(capture.id).toMatch(/^[A-Z0-9]{17}$/);
    expect(res.body.payer.payer_id).toEqual(expect.any(String));
  });

  test("a second capture is ORDER_ALREADY_CAPTURED; the same PayPal-Request-Id replays the first", async () => {
    const id = await approvedOrder(emulator().url, token);
    const first = await api().post(`/v2/checkout/orders/${id}/capture`).set("PayPal-Request-Id", `c-${id}`).expect(201);
    const replay = await api()
      .post(`/v2/checkout/orders/${id}/capture`)
      .set("PayPal-Request-Id", `c-${id}`)
      .expect(201);
    expect(replay.body).toEqual(first.body);
    const second = await api().post(`/v2/checkout/orders/${id}/capture`).expect(422);
    expect(second.body.details[0].issue).toBe("ORDER_ALREADY_CAPTURED");
  });

  test("a failed capture is not replayed: after approval the same request id captures", async () => {
    const id = await createOrder(emulator().url, token);
    await api().post(`/v2/checkout/orders/${id}/capture`).set("PayPal-Request-Id", `c-${id}`).expect(422);
    await request(emulator().url).post(`/v2/checkout/orders/${id}/approve`).expect(200);
    await api().post(`/v2/checkout/orders/${id}/capture`).set("PayPal-Request-Id", `c-${id}`).expect(201);
  });

  test("unknown orders are RESOURCE_NOT_FOUND", async () => {
    const res = await api().post("/v2/checkout/orders/NOSUCHORDER/capture").expect(404);
    expect(res.body).toMatchObject({ name: "RESOURCE_NOT_FOUND", details: [{ issue: "INVALID_RESOURCE_ID" }] });
    await api().get("/v2/checkout/orders/NOSUCHORDER").expect(404);
    await request(emulator().url).post("/v2/checkout/orders/NOSUCHORDER/approve").expect(404);
  });
});
