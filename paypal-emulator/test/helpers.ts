import request from "supertest";
import { type RunningEmulator, startEmulator } from "../src/server";

export const CLIENT = { id: "emulator-client-id", secret: "emulator-client-secret" };

/** A fresh emulator per test file, reached over HTTP like PayPal. */
export function useEmulator(): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  afterEach(() => emulator?.faults.clear());
  return () => emulator!;
}

export async function accessToken(url: string): Promise<string> {
  const res = await request(url)
    .post("/v1/oauth2/token")
    .auth(CLIENT.id, CLIENT.secret)
    .type("form")
    .send({ grant_type: "client_credentials" })
    .expect(200);
  return res.body.access_token;
}

export const orderBody = (value = "20.50", extra: Record<string, unknown> = {}) => ({
  intent: "CAPTURE",
  purchase_units: [
    {
      reference_id: "8e0a9f3c-2d1b-4c1e-9b61-0f6c2d8e4a10",
      custom_id: "8e0a9f3c-2d1b-4c1e-9b61-0f6c2d8e4a10",
      amount: { currency_code: "USD", value },
    },
  ],
  ...extra,
});

export async function createOrder(url: string, token: string, body: object = orderBody()): Promise<string> {
  const res = await request(url).post("/v2/checkout/orders").auth(token, { type: "bearer" }).send(body).expect(201);
  return res.body.id;
}

export async function approvedOrder(url: string, token: string): Promise<string> {
  const id = await createOrder(url, token);
  await request(url).post(`/v2/checkout/orders/${id}/approve`).expect(200);
  return id;
}
