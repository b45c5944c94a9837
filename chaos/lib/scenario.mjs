// What every chaos scenario shares: a fresh system of its own (bench/lib/stack.mjs),
// short reservations so expiry happens within the run, and the closing consistency check.
import { startStack } from "../../bench/lib/stack.mjs";
import { describe, waitConsistent } from "./consistency.mjs";

export const CHAOS_ENV = {
  // Reservations expire within the scenario, so expiry is exercised and checked.
  orders: { ORDER_EXPIRATION_SECONDS: "8" },
};

export const SERVICES = ["paypal-emulator", "auth", "tickets", "orders", "payments", "expiration"];

export async function chaosStack(name, options = {}) {
  // A scenario's variables are added to CHAOS_ENV per service (not in place of it: short
  // reservations must stay unless the scenario sets its own).
  const env = { ...CHAOS_ENV };
  for (const [service, vars] of Object.entries(options.env ?? {})) env[service] = { ...env[service], ...vars };
  return startStack({
    prefix: `chaos_${name.toLowerCase()}_${process.pid}`,
    services: SERVICES,
    logLevel: process.env.CHAOS_LOG_LEVEL ?? "warn",
    ...options,
    env,
  });
}

export function dbsOf(stack) {
  return { tickets: stack.pool("tickets"), orders: stack.pool("orders"), payments: stack.pool("payments") };
}

/** The closing check: waits for the system to settle, then lists what is still inconsistent. */
export async function finalCheck(stack, timeoutMs = 90_000) {
  // Orders placed at the very end expire up to ORDER_EXPIRATION_SECONDS later; the
  // invariant "expired orders are cancelled" allows expiration 5 s of its own latency.
  const services = [...new Set(stack.instances.map((i) => i.name))];
  return waitConsistent(dbsOf(stack), { nats: stack.nats.connection, graceMs: 5000, services }, timeoutMs);
}

/**
 * Runs one scenario: `fn(stack, note)` does the damage and returns extra failures (strings);
 * the consistency check follows. Always stops the stack.
 * A scenario may leave figures for the record in `stack.measurements` (C6: the stalls).
 * @returns {Promise<{ name: string, passed: boolean, failures: string[], notes: string[], seconds: number, measurements?: object }>}
 */
export async function runScenario(name, title, fn, { stackOptions = {}, log = console.log, keep = false } = {}) {
  const started = Date.now();
  const notes = [];
  const note = (line) => {
    notes.push(line);
    log(`[${name}] ${line}`);
  };
  const failures = [];
  let stack;
  try {
    note(title);
    stack = await chaosStack(name, stackOptions);
    const extra = (await fn(stack, note)) ?? [];
    failures.push(...extra);
    const settling = Date.now();
    const violations = await finalCheck(stack);
    if (violations.length) failures.push(`consistency:\n${describe(violations)}`);
    else {
      note(
        `consistency check: every invariant holds, ${((Date.now() - settling) / 1000).toFixed(1)} s after the scenario's end`,
      );
      // A scenario with a recovery moment (C7: the database is back) may bound the time to consistency.
      if (stack.recoveredAt) {
        const tookMs = Date.now() - stack.recoveredAt;
        note(`consistent ${(tookMs / 1000).toFixed(1)} s after recovery`);
        if (stack.consistentWithinMs && tookMs > stack.consistentWithinMs)
          failures.push(
            `consistent only ${(tookMs / 1000).toFixed(1)} s after recovery (target ${stack.consistentWithinMs / 1000} s)`,
          );
      }
    }
    // Checks a scenario can only make once the system has settled (e.g. C8's leaked locks).
    if (stack.afterConsistent) failures.push(...(await stack.afterConsistent()));
  } catch (err) {
    failures.push(`scenario error: ${err.stack ?? err}`);
  } finally {
    if (stack) {
      // CHAOS_KEEP_LOGS=1 keeps the logs of a passing run too (e.g. to read C6's elections).
      const keepLogs = failures.length > 0 || keep || process.env.CHAOS_KEEP_LOGS === "1";
      if (keepLogs) note(`logs kept in ${stack.dir}/logs`);
      await stack.stop({ keepDatabases: keep, keepLogs }).catch((err) => note(`stopping: ${err.message}`));
    }
  }
  const passed = failures.length === 0;
  const seconds = Math.round((Date.now() - started) / 1000);
  log(`[${name}] ${passed ? "PASS" : "FAIL"} (${seconds} s)${passed ? "" : `\n${failures.join("\n")}`}`);
  return { name, passed, failures, notes, seconds, measurements: stack?.measurements };
}
