import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SESSION_COOKIE } from "@m-ticketing/common";
import { startTest } from "@m-ticketing/common/testing";
import request from "supertest";
import { authModule, type createAuthService } from "../../src/app";
import type { AuthConfig } from "../../src/config";

export interface RunningAuth {
  url: string;
  config: AuthConfig;
  service: ReturnType<typeof createAuthService>;
  /** Runs SQL against the service's own database (to check what was, or was not, written). */
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** The real auth service, in-process, on its own fresh database, stream and photo folder. */
export async function startAuth(extra: Record<string, string> = {}): Promise<RunningAuth> {
  const photoRoot = await fs.mkdtemp(path.join(os.tmpdir(), "auth-photos-"));
  // A dot folder, as under `npm start` (.local/photos): serving from it must work too.
  const photoDir = path.join(photoRoot, ".local", "photos");
  // Test files sign many users up from one address, some in parallel: the sign-up and
  // hashing limits are raised here, and tests of those limits set their own.
  const running = await startTest({
    services: [authModule],
    env: { PHOTO_DIR: photoDir, SIGNUP_MAX_PER_IP: "10000", PASSWORD_HASH_CONCURRENCY: "64", ...extra },
  });
  const { url, config, service } = running;
  return {
    url,
    config,
    service,
    query: async (sql, params) => (await service.context.database.pool.query(sql, params)).rows,
    stop: async () => {
      await running.stop();
      await fs.rm(photoRoot, { recursive: true, force: true });
    },
  };
}

export const uniqueEmail = (label = "user") => `${label}-${randomBytes(5).toString("hex")}@example.test`;

/** A distinct client address per test, so rate-limit counters of different tests never meet. */
export const uniqueIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;

/** `name=value` of one cookie the response set, for a later request's Cookie header. */
export function cookieFrom(res: { headers: Record<string, unknown> }, name = SESSION_COOKIE): string | undefined {
  const header = res.headers["set-cookie"];
  const cookies = Array.isArray(header) ? (header as string[]) : typeof header === "string" ? [header] : [];
  const found = cookies.find((c) => c.startsWith(`${name}=`));
  return found?.split(";", 1)[0];
}

export interface SignedUp {
  cookie: string;
  user: { id: string; name: string; email: string; [key: string]: unknown };
  email: string;
  password: string;
}

/** Signs a new user up through the API. */
export async function signUpUser(
  url: string,
  overrides: Partial<{ name: string; email: string; password: string; recaptchaToken: string }> = {},
): Promise<SignedUp> {
  const password = overrides.password ?? "correct horse battery";
  const email = overrides.email ?? uniqueEmail();
  const res = await request(url)
    .post("/api/users/signup")
    .send({ name: "Ada Lovelace", email, password, passwordConfirm: password, ...overrides })
    .expect(201);
  const cookie = cookieFrom(res);
  if (!cookie) throw new Error("sign-up set no session cookie");
  return { cookie, user: res.body.user, email, password };
}
