import type { EmulatorOptions } from "./app";

export const DEFAULT_WEBHOOK_ID = "EMULATORWEBHOOK01";

/**
 * The emulator's environment. It is a stand-in for a third party, so it reads plain
 * variables and depends on nothing of ours:
 * PORT (3009), PUBLIC_URL (http://localhost:PORT), PAYPAL_CLIENT_ID / PAYPAL_CLIENT_SECRET
 * (the credentials it accepts; emulator-client-id / emulator-client-secret),
 * TOKEN_TTL_SECONDS (32400, PayPal's usual 9 hours), HOST (127.0.0.1: only this machine
 * reaches it; a container sets 0.0.0.0), EMULATOR_ADMIN (`true` mounts the unauthenticated
 * test controls: approval without the page, fault injection, the request log; off unless
 * tests turn it on), WEBHOOK_URL (where webhooks go, for every event type; none when unset)
 * and WEBHOOK_ID (that webhook's id, which the receiver passes to verify-webhook-signature;
 * EMULATORWEBHOOK01).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EmulatorOptions & { port: number; host: string } {
  const port = Number(env.PORT || 3009);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is invalid: ${env.PORT}`);
  const ttl = Number(env.TOKEN_TTL_SECONDS || 32400);
  if (!Number.isInteger(ttl) || ttl < 1) throw new Error(`TOKEN_TTL_SECONDS is invalid: ${env.TOKEN_TTL_SECONDS}`);
  const publicUrl = env.PUBLIC_URL || `http://localhost:${port}`;
  if (!URL.canParse(publicUrl)) throw new Error(`PUBLIC_URL is invalid: ${publicUrl}`);
  if (env.EMULATOR_ADMIN && !["true", "false"].includes(env.EMULATOR_ADMIN)) {
    throw new Error(`EMULATOR_ADMIN is invalid: ${env.EMULATOR_ADMIN} (true or false)`);
  }
  if (env.WEBHOOK_URL && !URL.canParse(env.WEBHOOK_URL)) throw new Error(`WEBHOOK_URL is invalid: ${env.WEBHOOK_URL}`);
  return {
    port,
    host: env.HOST || "127.0.0.1",
    admin: env.EMULATOR_ADMIN === "true",
    publicUrl,
    clientId: env.PAYPAL_CLIENT_ID || "emulator-client-id",
    clientSecret: env.PAYPAL_CLIENT_SECRET || "emulator-client-secret",
    tokenTtlSeconds: ttl,
    webhook: env.WEBHOOK_URL ? { url: env.WEBHOOK_URL, id: env.WEBHOOK_ID || DEFAULT_WEBHOOK_ID } : undefined,
  };
}
