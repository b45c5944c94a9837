import { ConfigError } from "@m-ticketing/common";
import { loadConfig } from "../src/config";

const base = {
  PORT: "0",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x",
  JWT_KEY: "a-development-key-for-orders-config-tests",
};

test("by default a buyer may reserve at once as many tickets of one event as the per-event cap allows", () => {
  const config = loadConfig(base);
  expect(config.MAX_TICKETS_PER_BUYER_PER_EVENT).toBe(8);
  expect(config.MAX_ACTIVE_ORDERS_PER_BUYER).toBeGreaterThanOrEqual(config.MAX_TICKETS_PER_BUYER_PER_EVENT);
});

test("a per-event cap the per-buyer cap could never let a buyer reach is refused at start-up, naming it", () => {
  const incoherent = { ...base, MAX_ACTIVE_ORDERS_PER_BUYER: "3", MAX_TICKETS_PER_BUYER_PER_EVENT: "4" };
  expect(() => loadConfig(incoherent)).toThrow(ConfigError);
  expect(() => loadConfig(incoherent)).toThrow(
    /MAX_TICKETS_PER_BUYER_PER_EVENT is invalid: must be at most MAX_ACTIVE_ORDERS_PER_BUYER \(3\)/,
  );
  expect(loadConfig({ ...incoherent, MAX_TICKETS_PER_BUYER_PER_EVENT: "3" }).MAX_TICKETS_PER_BUYER_PER_EVENT).toBe(3);
});
