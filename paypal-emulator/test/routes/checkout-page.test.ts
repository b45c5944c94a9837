import request from "supertest";
import { accessToken, createOrder, orderBody, useEmulator } from "../helpers";

const emulator = useEmulator();
let token: string;

beforeAll(async () => {
  token = await accessToken(emulator().url);
});

const withReturn = () =>
  orderBody("12.00", {
    payment_source: {
      paypal: {
        experience_context: {
          return_url: "http://shop.test/orders/1?paypal=approved",
          cancel_url: "http://shop.test/x",
        },
      },
    },
  });

test("shows the amount with Approve and Cancel buttons", async () => {
  const id = await createOrder(emulator().url, token, withReturn());
  const res = await request(emulator().url).get(`/checkoutnow?token=${id}`).expect(200);
  expect(res.type).toBe("text/html");
  expect(res.text).toContain("12.00 USD");
  expect(res.text).toContain("Approve");
  expect(res.text).toContain(`value="${id}"`);
});

test("approving sends the buyer to the return URL with token and PayerID, and allows capture", async () => {
  const id = await createOrder(emulator().url, token, withReturn());
  const res = await request(emulator().url).post("/checkoutnow/approve").type("form").send({ token: id }).expect(303);
  const target = new URL(res.headers.location!);
  expect(`${target.origin}${target.pathname}`).toBe("http://shop.test/orders/1");
  expect(target.searchParams.get("paypal")).toBe("approved");
  expect(target.searchParams.get("token")).toBe(id);
  expect(target.searchParams.get("PayerID")).toEqual(expect.any(String));
  await request(emulator().url).post(`/v2/checkout/orders/${id}/capture`).auth(token, { type: "bearer" }).expect(201);
});

test("the return URL may also come from the legacy application_context", async () => {
  const body = orderBody("3.00", { application_context: { return_url: "http://shop.test/legacy" } });
  const id = await createOrder(emulator().url, token, body);
  const res = await request(emulator().url).post("/checkoutnow/approve").type("form").send({ token: id }).expect(303);
  expect(res.headers.location).toMatch(/^http:\/\/shop\.test\/legacy\?token=/);
});

test("cancelling sends the buyer to the cancel URL and leaves the order unapproved", async () => {
  const id = await createOrder(emulator().url, token, withReturn());
  const res = await request(emulator().url).post("/checkoutnow/cancel").type("form").send({ token: id }).expect(303);
  expect(res.headers.location).toBe(`http://shop.test/x?token=${id}`);
  await request(emulator().url).post(`/v2/checkout/orders/${id}/capture`).auth(token, { type: "bearer" }).expect(422);
});

test("an unknown token shows a not-found page", async () => {
  await request(emulator().url).get("/checkoutnow?token=NOPE").expect(404);
});
