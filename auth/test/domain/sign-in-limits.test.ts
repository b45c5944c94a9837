import { TooManyRequestsError } from "@m-ticketing/common";
import {
  assertSignInAllowed,
  pruneSignInFailures,
  recordSignInFailure,
  type SignInLimits,
} from "../../src/domain/sign-in-limits";
import { type RunningAuth, startAuth, uniqueEmail, uniqueIp } from "../helpers/auth-service";

let auth: RunningAuth;
const limits: SignInLimits = { windowSeconds: 600, maxPerAccount: 2, maxPerIp: 3 };

beforeAll(async () => {
  auth = await startAuth();
});

afterAll(async () => {
  await auth.stop();
});

const db = () => auth.service.context.database.db;

test("counts failures per address and per account, and refuses once either is used up", async () => {
  const keys = { ip: uniqueIp(), account: uniqueEmail() };
  await assertSignInAllowed(db(), limits, keys);
  await recordSignInFailure(db(), limits, keys);
  await assertSignInAllowed(db(), limits, keys);
  await recordSignInFailure(db(), limits, keys);
  const refused = await assertSignInAllowed(db(), limits, keys).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(TooManyRequestsError);
  expect((refused as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(590);
  const rows = await auth.query("select kind, failures from sign_in_failures where key in ($1, $2) order by kind", [
    keys.account,
    keys.ip,
  ]);
  expect(rows).toEqual([
    { kind: "account", failures: 2 },
    { kind: "ip", failures: 2 },
  ]);
});

test("pruning removes only counters whose window has passed", async () => {
  const old = { ip: uniqueIp(), account: uniqueEmail("old") };
  const fresh = { ip: uniqueIp(), account: uniqueEmail("fresh") };
  await recordSignInFailure(db(), limits, old);
  await recordSignInFailure(db(), limits, fresh);
  await auth.query(
    "update sign_in_failures set window_started_at = now() - interval '11 minutes' where key in ($1, $2)",
    [old.ip, old.account],
  );
  await pruneSignInFailures(db(), limits.windowSeconds);
  const keys = (await auth.query<{ key: string }>("select key from sign_in_failures")).map((r) => r.key);
  expect(keys).toEqual(expect.arrayContaining([fresh.ip, fresh.account]));
  expect(keys).not.toContain(old.ip);
  expect(keys).not.toContain(old.account);
});
