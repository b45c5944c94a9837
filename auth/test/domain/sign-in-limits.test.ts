import { TooManyRequestsError } from "@m-ticketing/common";
import { claimSignInAttempt, pruneSignInFailures, type SignInLimits } from "../../src/domain/sign-in-limits";
import { type RunningAuth, startAuth, uniqueEmail, uniqueIp } from "../helpers/auth-service";

let auth: RunningAuth;
const limits: SignInLimits = { windowSeconds: 600, maxPerAccount: 2, maxPerIp: 3, maxAccountDelaySeconds: 30 };

beforeAll(async () => {
  auth = await startAuth();
});

afterAll(async () => {
  await auth.stop();
});

const db = () => auth.service.context.database.db;

test("counts each attempt per address, per account and address, and per account; refuses past a limit", async () => {
  const keys = { ip: uniqueIp(), account: uniqueEmail() };
  await claimSignInAttempt(db(), limits, keys);
  await claimSignInAttempt(db(), limits, keys);
  const refused = await claimSignInAttempt(db(), limits, keys).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(TooManyRequestsError);
  const rows = await auth.query("select kind, failures from sign_in_failures where key like '%' || $1 order by kind", [
    keys.ip,
  ]);
  // The third attempt was counted for the address, then refused by the account-and-address limit.
  expect(rows).toEqual([
    { kind: "ip", failures: 3 },
    { kind: "pair", failures: 2 },
  ]);
});

test("pruning removes only counters whose window has passed", async () => {
  const old = { ip: uniqueIp(), account: uniqueEmail("old") };
  const fresh = { ip: uniqueIp(), account: uniqueEmail("fresh") };
  await claimSignInAttempt(db(), limits, old);
  await claimSignInAttempt(db(), limits, fresh);
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
