import { baseConfigSchema, parseConfig, requireAuth, ServiceHost } from "@m-ticketing/common";
import { createTestDatabase, testEnv } from "@m-ticketing/common/testing";
import { Router } from "express";
import type { RunningAuth } from "./auth-service";

/**
 * Another service on auth's event stream (as tickets or orders would be), to show that
 * sessions end everywhere, not only in auth. GET /api/peer/whoami answers 401 when the
 * session is refused.
 */
export async function startPeer(auth: RunningAuth): Promise<{ url: string; stop(): Promise<void> }> {
  const db = await createTestDatabase("auth_peer");
  const config = parseConfig(
    baseConfigSchema,
    testEnv(db.url, { NATS_STREAM: auth.config.NATS_STREAM, NATS_SUBJECT_PREFIX: auth.config.NATS_SUBJECT_PREFIX }),
  );
  const peer = new ServiceHost({
    name: "peer",
    config,
    schema: {},
    routes: () => [
      Router().get("/api/peer/whoami", requireAuth, (req, res) => {
        res.json({ id: req.currentUser!.id });
      }),
    ],
  });
  const { url } = await peer.start(0);
  return {
    url,
    stop: async () => {
      await peer.stop();
      await db.drop();
    },
  };
}
