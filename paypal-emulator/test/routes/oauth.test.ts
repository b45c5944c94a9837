import request from "supertest";
import { accessToken, CLIENT, useEmulator } from "../helpers";

const emulator = useEmulator();

test("issues a bearer token for the configured client credentials", async () => {
  const res = await request(emulator().url)
    .post("/v1/oauth2/token")
    .auth(CLIENT.id, CLIENT.secret)
    .type("form")
    .send({ grant_type: "client_credentials" })
    .expect(200);
  expect(res.body).toMatchObject({ token_type: "Bearer", expires_in: 32400 });
  expect(res.body.access_token).toEqual(expect.any(String));
});

test("refuses wrong credentials the way PayPal does", async () => {
  const res = await request(emulator().url)
    .post("/v1/oauth2/token")
    .auth(CLIENT.id, "wrong")
    .type("form")
    .send({ grant_type: "client_credentials" })
    .expect(401);
  expect(res.body).toEqual({ error: "invalid_client", error_description: "Client Authentication failed" });
});

test("requires the client_credentials grant", async () => {
  const res = await request(emulator().url).post("/v1/oauth2/token").auth(CLIENT.id, CLIENT.secret).expect(400);
  expect(res.body.error).toBe("unsupported_grant_type");
});

test("the REST API needs a valid access token, and tokens can be expired by a test", async () => {
  const url = emulator().url;
  const missing = await request(url).get("/v2/checkout/orders/UNKNOWN").expect(401);
  expect(missing.body.name).toBe("AUTHENTICATION_FAILURE");

  const token = await accessToken(url);
  await request(url).get("/v2/checkout/orders/UNKNOWN").auth(token, { type: "bearer" }).expect(404);
  await request(url).post("/emulator/expire-tokens").expect(200);
  await request(url).get("/v2/checkout/orders/UNKNOWN").auth(token, { type: "bearer" }).expect(401);
});
