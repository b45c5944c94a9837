import http from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulator, type Emulator, type EmulatorOptions } from "./app";

/** The credentials the emulator accepts unless it is told others. */
export const EMULATOR_CREDENTIALS = { clientId: "emulator-client-id", clientSecret: "emulator-client-secret" };

export interface RunningEmulator extends Emulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the emulator on `host` (127.0.0.1) and `port` (0 = a free one). Without
 * `publicUrl` its links point to `http://127.0.0.1:<port>`. Used by `src/index.ts` (admin
 * routes as EMULATOR_ADMIN says: off by default) and by other services' tests, for which
 * the admin routes are on unless `admin: false`.
 */
export async function startEmulator(
  options: Partial<EmulatorOptions> & { port?: number; host?: string } = {},
): Promise<RunningEmulator> {
  // The app's links need the public URL, which depends on the port: listen first, then mount.
  let app: Emulator["app"] | undefined;
  const server = http.createServer((req, res) => (app ? app(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const emulator = createEmulator({
    publicUrl: options.publicUrl ?? `http://127.0.0.1:${port}`,
    clientId: options.clientId ?? EMULATOR_CREDENTIALS.clientId,
    clientSecret: options.clientSecret ?? EMULATOR_CREDENTIALS.clientSecret,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 32400,
    admin: options.admin ?? true,
    webhook: options.webhook,
  });
  app = emulator.app;
  return {
    ...emulator,
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      emulator.faults.clear();
      emulator.webhooks.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * The emulator as a resource of common's `startTest`: its `env` points a payments service
 * at it (`startTest({ services: [paymentsModule], resources: { paypal: paypalEmulator } })`).
 */
export async function paypalEmulator(): Promise<
  RunningEmulator & { env: Record<string, string>; stop(): Promise<void> }
> {
  const emulator = await startEmulator();
  const env = {
    PAYPAL_API_BASE: emulator.url,
    PAYPAL_CLIENT_ID: EMULATOR_CREDENTIALS.clientId,
    PAYPAL_CLIENT_SECRET: EMULATOR_CREDENTIALS.clientSecret,
  };
  return { ...emulator, env, stop: emulator.close };
}
