import { ConfigError } from "@m-ticketing/common";
import { loadConfig } from "../src/config";

const minimal = {
  PORT: "3001",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/ticketing_auth",
  JWT_KEY: "a-development-key-for-auth-config-tests",
};

test("refuses to start without JWT_KEY, naming it", () => {
  const { JWT_KEY: _omit, ...env } = minimal;
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(/JWT_KEY is required/);
});

test("refuses a JWT_KEY too short to be a secret", () => {
  expect(() => loadConfig({ ...minimal, JWT_KEY: "short" })).toThrow(/JWT_KEY is invalid/);
});

test("defaults: 15-minute window, 10 failures per account, 100 per address, local photos, Google's endpoints", () => {
  const config = loadConfig(minimal);
  expect(config.signInLimits).toEqual({
    windowSeconds: 900,
    maxPerAccount: 10,
    maxPerIp: 100,
    maxAccountDelaySeconds: 30,
  });
  // Issue 12, finding 6: sign-ups per client and hashes at once are bounded by default.
  expect(config.signUpLimit).toEqual({ windowSeconds: 3600, maxPerIp: 20 });
  expect(config.PASSWORD_HASH_CONCURRENCY).toBe(4);
  expect(config.PASSWORD_SCRYPT_LOG_N).toBe(15);
  expect(config.PHOTO_MAX_BYTES).toBe(5 * 1024 * 1024);
  expect(config.photoDir).toBe(`${process.cwd()}/.local/photos`);
  expect(config.RECAPTCHA_SECRET).toBeUndefined();
  expect(config.RECAPTCHA_VERIFY_URL).toBe("https://www.google.com/recaptcha/api/siteverify");
  expect(config.CLOUDINARY_URL).toBeUndefined();
  expect(config.GOOGLE_CLIENT_ID).toBeUndefined();
  expect(config.GOOGLE_AUTH_URL).toBe("https://accounts.google.com/o/oauth2/v2/auth");
  expect(config.GOOGLE_TOKEN_URL).toBe("https://oauth2.googleapis.com/token");
  expect(config.GOOGLE_CERTS_URL).toBe("https://www.googleapis.com/oauth2/v1/certs");
  expect(config.googleRedirectUri).toBe("http://localhost:8080/api/users/oauth/google/callback");
});

test("builds the Google redirect URI from PUBLIC_URL", () => {
  const config = loadConfig({ ...minimal, PUBLIC_URL: "https://tickets.example.com/" });
  expect(config.googleRedirectUri).toBe("https://tickets.example.com/api/users/oauth/google/callback");
});

test("refuses half a Google configuration, naming the missing variable", () => {
  expect(() => loadConfig({ ...minimal, GOOGLE_CLIENT_ID: "id" })).toThrow(/GOOGLE_CLIENT_SECRET/);
  expect(() => loadConfig({ ...minimal, GOOGLE_CLIENT_SECRET: "secret" })).toThrow(/GOOGLE_CLIENT_ID/);
});

test("refuses a CLOUDINARY_URL that is not cloudinary://key:secret@cloud", () => {
  expect(() => loadConfig({ ...minimal, CLOUDINARY_URL: "https://api.cloudinary.com" })).toThrow(/CLOUDINARY_URL/);
  expect(loadConfig({ ...minimal, CLOUDINARY_URL: "cloudinary://123:abc@demo" }).CLOUDINARY_URL).toBe(
    "cloudinary://123:abc@demo",
  );
});

test("refuses limits that are not positive whole numbers", () => {
  expect(() => loadConfig({ ...minimal, SIGNIN_MAX_FAILURES_PER_IP: "0" })).toThrow(/SIGNIN_MAX_FAILURES_PER_IP/);
  expect(() => loadConfig({ ...minimal, SIGNIN_FAILURE_WINDOW: "soon" })).toThrow(/SIGNIN_FAILURE_WINDOW/);
});
