import { Router } from "express";

export type ReadinessCheck = () => Promise<void>;

/**
 * `/healthz`: the process is alive. `/readyz`: every dependency answers, so the
 * service may receive traffic (checks run in parallel; the first failure is reported).
 */
export function healthRoutes(
  checks: Record<string, ReadinessCheck>,
  details?: () => Promise<Record<string, unknown>>,
): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const [results, extra] = await Promise.all([
      Promise.allSettled(Object.values(checks).map((check) => check())),
      details ? details().catch(() => ({})) : {},
    ]);
    const failed = Object.keys(checks).filter((_, i) => results[i]?.status === "rejected");
    res.status(failed.length ? 503 : 200).json({ status: failed.length ? "unavailable" : "ok", failed, ...extra });
  });
  return router;
}
