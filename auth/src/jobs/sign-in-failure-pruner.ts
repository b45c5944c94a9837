import type { ServiceResource } from "@m-ticketing/common";
import type { Logger } from "pino";
import type { AuthDatabase } from "../db";
import { prunePasswordResetRequests } from "../domain/password-reset";
import { pruneSignInFailures } from "../domain/sign-in-limits";

/** Deletes expired sign-in failure counters (and day-old reset requests) now and then, so the table stays as small as the attack. */
export function signInFailurePruner(db: AuthDatabase, windowSeconds: number, logger: Logger): ServiceResource {
  let timer: NodeJS.Timeout | undefined;
  const prune = () =>
    Promise.all([pruneSignInFailures(db, windowSeconds), prunePasswordResetRequests(db)]).catch((err) =>
      logger.warn({ err }, "pruning sign-in failures or reset requests failed"),
    );
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
