import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  baseConfigSchema,
  COMMITTED_JWT_KEY_HASHES,
  ConfigError,
  durationToSeconds,
  jwtKeyHash,
  parseConfig,
  weakJwtKeyReason,
} from "../../src/config";

const repoRoot = path.resolve(__dirname, "../../..");

const valid = {
  PORT: "3001",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x",
  JWT_KEY: "a-development-key-for-config-tests",
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

describe("production (issue 12 finding 2: sessions forged with published keys)", () => {
  const strongKey = () => randomBytes(32).toString("hex");
  const production = (extra: Record<string, string>) => ({
    ...valid,
    NODE_ENV: "production",
    NATS_USER: "tickets",
    NATS_PASSWORD: "secret",
    NATS_TLS_CA: "/etc/nats-ca/ca.crt",
    JWT_KEY: strongKey(),
    ...extra,
  });

  test("accepts a key of 32 random bytes, hex or base64", () => {
    expect(() => parseConfig(baseConfigSchema, production({}))).not.toThrow();
    const base64 = randomBytes(32).toString("base64");
    expect(() => parseConfig(baseConfigSchema, production({ JWT_KEY: base64 }))).not.toThrow();
  });

  test.each([
    ["the old compose and Kubernetes default", "dev-only-jwt-key-replace-me-0123456789"],
    ["the test key", "test-jwt-key-that-is-long-enough"],
    ["the production example's placeholder", "CHANGE_ME_openssl_rand_hex_32"],
    ["a short random key", randomBytes(16).toString("hex")],
    ["a long repeated pattern", "abcd".repeat(20)],
    ["a repeated phrase", "correct horse battery staple, correct horse battery staple"],
  ])("refuses %s, naming JWT_KEY", (_name, key) => {
    expect(() => parseConfig(baseConfigSchema, production({ JWT_KEY: key }))).toThrow(
      /JWT_KEY is invalid( in production)?:/,
    );
  });

  test("refuses any key committed in the repository, however random it looks", () => {
    const committed = "0f9c2b7e4d1a8c3f5e6b7a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e";
    expect(weakJwtKeyReason(committed)).toBeNull();
    COMMITTED_JWT_KEY_HASHES.add(jwtKeyHash(committed));
    try {
      expect(weakJwtKeyReason(committed)).toMatch(/committed in the repository/);
    } finally {
      COMMITTED_JWT_KEY_HASHES.delete(jwtKeyHash(committed));
    }
  });

  test("every JWT_KEY value written in the repository is refused in production", () => {
    const files = execFileSync("git", ["ls-files"], { cwd: repoRoot, encoding: "utf8" }).split("\n");
    const found = new Set<string>();
    for (const file of files) {
      if (!file || /(^|\/)(package-lock\.json|.*\.(png|jpg|ico|svg))$/.test(file)) continue;
      let text: string;
      try {
        text = readFileSync(path.join(repoRoot, file), "utf8");
      } catch {
        continue;
      }
      for (const m of text.matchAll(/JWT_KEY["']?\s*[:=]\s*["']?([^\s"'`,}]{8,})/g)) found.add(m[1]!);
      for (const m of text.matchAll(/JWT_KEY\s*=\s*"([^"]{8,})"/g)) found.add(m[1]!);
    }
    for (const key of found) {
      if (key.startsWith("$") || key.includes("(")) continue; // a variable or expression, not a value
      expect({ key, refused: weakJwtKeyReason(key) !== null }).toEqual({ key, refused: true });
    }
  });

  test("a committed key is refused in development too (a copied *.example never works)", () => {
    const dev = { ...valid, JWT_KEY: "CHANGE_ME_openssl_rand_hex_32", NODE_ENV: "development" };
    expect(() => parseConfig(baseConfigSchema, dev)).toThrow(/JWT_KEY is invalid: this key is committed/);
  });

  test("refuses NATS without a user, a password or TLS", () => {
    const message = () => {
      try {
        parseConfig(baseConfigSchema, production({ NATS_USER: "", NATS_PASSWORD: "", NATS_TLS_CA: "" }));
      } catch (err) {
        return (err as Error).message;
      }
      return "";
    };
    for (const name of ["NATS_USER", "NATS_PASSWORD", "NATS_TLS_CA"])
      expect(message()).toContain(`${name} is required`);
  });
});
