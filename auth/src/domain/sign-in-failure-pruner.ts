import type { ServiceResource } from "@m-ticketing/common";
import type { Logger } from "pino";
import type { AuthDatabase } from "../db";
import { pruneSignInFailures } from "./sign-in-limits";

/** Deletes expired sign-in failure counters now and then, so the table stays as small as the attack. */
export function signInFailurePruner(db: AuthDatabase, windowSeconds: number, logger: Logger): ServiceResource {
  let timer: NodeJS.Timeout | undefined;
  const prune = () =>
    pruneSignInFailures(db, windowSeconds).catch((err) => logger.warn({ err }, "pruning sign-in failures failed"));
  return {
    name: "sign-in-failure-pruner",
    async start() {
      timer = setInterval(prune, Math.max(60, windowSeconds) * 1000).unref();
    },
    async stop() {
      clearInterval(timer);
    },
  };
}
