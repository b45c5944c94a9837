import { z } from "zod";
import { baseConfigSchema, ConfigError, durationToSeconds, parseConfig } from "../../src/config";

const valid = {
  PORT: "3001",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x",
  JWT_KEY: "a-key-that-is-long-enough",
};

test("parses a valid environment with defaults", () => {
  const config = parseConfig(baseConfigSchema, valid);
  expect(config).toMatchObject({
    PORT: 3001,
    NATS_URL: "nats://127.0.0.1:4223",
    NATS_STREAM: "TICKETING",
    SESSION_TTL: "7d",
  });
});

test("names every missing variable", () => {
  expect(() => parseConfig(baseConfigSchema, {})).toThrow(ConfigError);
  try {
    parseConfig(baseConfigSchema, {});
  } catch (err) {
    const message = (err as ConfigError).message;
    for (const name of ["PORT", "DATABASE_URL", "JWT_KEY"]) expect(message).toContain(`${name} is required`);
  }
});

test("names a bad variable and says what is wrong", () => {
  expect(() => parseConfig(baseConfigSchema, { ...valid, JWT_KEY: "short" })).toThrow(
    /JWT_KEY is invalid: must be at least 16/,
  );
  expect(() => parseConfig(baseConfigSchema, { ...valid, PORT: "http" })).toThrow(/PORT is invalid/);
});

test("an empty variable counts as unset, so the default applies", () => {
  expect(parseConfig(baseConfigSchema, { ...valid, NATS_URL: "" }).NATS_URL).toBe("nats://127.0.0.1:4223");
});

test("services extend the base schema", () => {
  const schema = baseConfigSchema.extend({ ORDER_EXPIRATION_SECONDS: z.coerce.number().int().positive().default(900) });
  expect(parseConfig(schema, valid).ORDER_EXPIRATION_SECONDS).toBe(900);
  expect(parseConfig(schema, { ...valid, ORDER_EXPIRATION_SECONDS: "60" }).ORDER_EXPIRATION_SECONDS).toBe(60);
});

test("durations", () => {
  expect(durationToSeconds("7d")).toBe(604_800);
  expect(durationToSeconds("12h")).toBe(43_200);
  expect(durationToSeconds("90")).toBe(90);
});
