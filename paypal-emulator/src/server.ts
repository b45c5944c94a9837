import http from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulator, type Emulator, type EmulatorOptions } from "./app";

export interface RunningEmulator extends Emulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the emulator on `port` (0 = a free one). Without `publicUrl` its links point to
 * `http://127.0.0.1:<port>`. Used by `src/index.ts` and by other services' tests.
 */
export async function startEmulator(
  options: Partial<EmulatorOptions> & { port?: number; host?: string } = {},
): Promise<RunningEmulator> {
  // The app's links need the public URL, which depends on the port: listen first, then mount.
  let app: Emulator["app"] | undefined;
  const server = http.createServer((req, res) => (app ? app(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const emulator = createEmulator({
    publicUrl: options.publicUrl ?? `http://127.0.0.1:${port}`,
    clientId: options.clientId ?? "emulator-client-id",
    clientSecret: options.clientSecret ?? "emulator-client-secret",
    tokenTtlSeconds: options.tokenTtlSeconds ?? 32400,
  });
  app = emulator.app;
  return {
    ...emulator,
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      emulator.faults.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
