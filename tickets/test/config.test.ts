import { ConfigError } from "@m-ticketing/common";
import { loadConfig } from "../src/config";

const base = {
  PORT: "0",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x",
  JWT_KEY: "a-development-key-for-tickets-config-tests",
};

test("sellers must verify their e-mail unless a harness turns the rule off", () => {
  expect(loadConfig(base).SELLER_EMAIL_VERIFICATION).toBe("required");
  expect(loadConfig({ ...base, SELLER_EMAIL_VERIFICATION: "off" }).SELLER_EMAIL_VERIFICATION).toBe("off");
  expect(() => loadConfig({ ...base, SELLER_EMAIL_VERIFICATION: "sometimes" })).toThrow(/SELLER_EMAIL_VERIFICATION/);
});

test("production never runs with the e-mail rule off", () => {
  const production = { ...base, NODE_ENV: "production", SELLER_EMAIL_VERIFICATION: "off" };
  expect(() => loadConfig(production)).toThrow(ConfigError);
  expect(() => loadConfig(production)).toThrow(/SELLER_EMAIL_VERIFICATION is invalid: must be required in production/);
});
