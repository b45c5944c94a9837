// Issue 12 finding 10: the emulator listened on every interface with unauthenticated
// admin routes (approve any order, inject faults). By default it now listens on 127.0.0.1
// only and has no admin routes; only tests turn them on.
import request from "supertest";
import { loadConfig } from "../src/config";
import { startEmulator } from "../src/server";

test("the emulator as `npm start` and the images run it: loopback only, no admin routes", async () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ host: "127.0.0.1", admin: false });
  const emulator = await startEmulator({ ...config, port: 0 });
  try {
    expect(emulator.port).toBeGreaterThan(0);
    await request(emulator.url).post("/emulator/faults").send({ mode: "error" }).expect(404);
    await request(emulator.url).get("/emulator/requests").expect(404);
    await request(emulator.url).post("/v2/checkout/orders/ANY/approve").send({}).expect(401);
  } finally {
    await emulator.close();
  }
});

test("EMULATOR_ADMIN=true turns the test controls on; anything else but false is refused", () => {
  expect(loadConfig({ EMULATOR_ADMIN: "true" }).admin).toBe(true);
  expect(() => loadConfig({ EMULATOR_ADMIN: "yes" })).toThrow(/EMULATOR_ADMIN is invalid/);
});
