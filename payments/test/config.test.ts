import { ConfigError } from "@m-ticketing/common";
import { loadConfig } from "../src/config";

const base = {
  PORT: "0",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x",
  JWT_KEY: "a-development-key-for-payments-config-tests",
  PAYPAL_CLIENT_ID: "id",
  PAYPAL_CLIENT_SECRET: "secret",
};

test("defaults to PayPal's sandbox and parses the allowed return origins", () => {
  const config = loadConfig({ ...base, ALLOWED_RETURN_ORIGINS: "https://a.test/path, http://localhost:8080" });
  expect(config.PAYPAL_API_BASE).toBe("https://api-m.sandbox.paypal.com");
  expect(config.ALLOWED_RETURN_ORIGINS).toEqual(["https://a.test", "http://localhost:8080"]);
});

test("issue 12, finding 5: return URLs default to the public origin, never to any site", () => {
  expect(loadConfig(base).allowedReturnOrigins).toEqual(["http://localhost:8080"]);
  expect(loadConfig({ ...base, PUBLIC_URL: "https://tickets.example.com/x" }).allowedReturnOrigins).toEqual([
    "https://tickets.example.com",
  ]);
});

test("refuses to start without PayPal credentials, naming them", () => {
  const { PAYPAL_CLIENT_ID: _id, PAYPAL_CLIENT_SECRET: _secret, ...rest } = base;
  expect(() => loadConfig(rest)).toThrow(ConfigError);
  expect(() => loadConfig(rest)).toThrow(/PAYPAL_CLIENT_ID is required[\s\S]*PAYPAL_CLIENT_SECRET is required/);
});

test("names a bad origin", () => {
  expect(() => loadConfig({ ...base, ALLOWED_RETURN_ORIGINS: "not a url" })).toThrow(/ALLOWED_RETURN_ORIGINS/);
});
