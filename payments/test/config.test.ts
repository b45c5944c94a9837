import { ConfigError } from "@m-ticketing/common";
import { loadConfig } from "../src/config";

const base = {
  PORT: "0",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x",
  JWT_KEY: "a-key-that-is-long-enough",
  PAYPAL_CLIENT_ID: "id",
  PAYPAL_CLIENT_SECRET: "secret",
};

test("defaults to PayPal's sandbox and parses the allowed return origins", () => {
  const config = loadConfig({ ...base, ALLOWED_RETURN_ORIGINS: "https://a.test/path, http://localhost:8080" });
  expect(config.PAYPAL_API_BASE).toBe("https://api-m.sandbox.paypal.com");
  expect(config.ALLOWED_RETURN_ORIGINS).toEqual(["https://a.test", "http://localhost:8080"]);
});

test("refuses to start without PayPal credentials, naming them", () => {
  const { PAYPAL_CLIENT_ID: _id, PAYPAL_CLIENT_SECRET: _secret, ...rest } = base;
  expect(() => loadConfig(rest)).toThrow(ConfigError);
  expect(() => loadConfig(rest)).toThrow(/PAYPAL_CLIENT_ID is required[\s\S]*PAYPAL_CLIENT_SECRET is required/);
});

test("names a bad origin", () => {
  expect(() => loadConfig({ ...base, ALLOWED_RETURN_ORIGINS: "not a url" })).toThrow(/ALLOWED_RETURN_ORIGINS/);
});
