import request from "supertest";
import { accessToken, approvedOrder, useEmulator } from "./helpers";

const emulator = useEmulator();
let token: string;

beforeAll(async () => {
  token = await accessToken(emulator().url);
});

const capture = (id: string, requestId?: string) => {
  const req = request(emulator().url).post(`/v2/checkout/orders/${id}/capture`).auth(token, { type: "bearer" });
  return requestId ? req.set("PayPal-Request-Id", requestId) : req;
};

test("error mode answers in PayPal's shape and does nothing, for `count` calls", async () => {
  const id = await approvedOrder(emulator().url, token);
  await request(emulator().url)
    .post("/emulator/faults")
    .send({ mode: "error", status: 503, path: "/capture" })
    .expect(201);
  const failed = await capture(id).expect(503);
  expect(failed.body.name).toBe("SERVICE_UNAVAILABLE");
  await capture(id).expect(201);
});

test("drop-after does the work but closes the connection; the same request id then replays the result", async () => {
  const id = await approvedOrder(emulator().url, token);
  await request(emulator().url).post("/emulator/faults").send({ mode: "drop-after", path: "/capture" }).expect(201);
  await expect(capture(id, `c-${id}`)).rejects.toThrow();
  const replay = await capture(id, `c-${id}`).expect(201);
  expect(replay.body.status).toBe("COMPLETED");
  await capture(id).expect(422);
});

test("hold keeps calls until released; the request log shows them", async () => {
  const id = await approvedOrder(emulator().url, token);
  await request(emulator().url).post("/emulator/faults").send({ mode: "hold", path: "/capture" }).expect(201);
  const pending = capture(id, "held-1").then((res) => res.status);
  const log = async () => (await request(emulator().url).get("/emulator/requests").expect(200)).body;
  while ((await log()).held === 0) await new Promise((r) => setTimeout(r, 20));
  expect((await log()).requests).toContainEqual(expect.objectContaining({ method: "POST", requestId: "held-1" }));
  await request(emulator().url).post("/emulator/release").expect(200);
  expect(await pending).toBe(201);
});

test("rejects an unknown fault mode", async () => {
  await request(emulator().url).post("/emulator/faults").send({ mode: "explode" }).expect(400);
});
