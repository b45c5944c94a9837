import type { ConsumerMessages } from "@nats-io/jetstream";
import type { Msg } from "@nats-io/transport-node";

/** What `consume()` returns at run time in @nats-io/jetstream 3.x (not part of its types). */
interface PullInternals {
  sub?: { callback?: (err: Error | null, msg: Msg) => void };
  resetPending?: () => Promise<boolean>;
}

/** The status a newly elected consumer leader sends to each pull request it inherited. */
export function isLeadershipChange(msg: Msg | undefined): boolean {
  const h = msg?.headers;
  return h?.code === 409 && /^leadership change$/i.test(h.description);
}

/**
 * Makes a `consume()` pull again as soon as the consumer's new Raft leader answers a
 * waiting pull with "409 Leadership Change". nats.js 3.4 ignores that status ("missed
 * heartbeats will resuscitate"), and as the status itself counts as activity, the client
 * re-pulled only after two more missed heartbeats: 1–2.5 s of stall after every election,
 * graceful or not (chaos C6). nats.java (#1144) and nats.net (#180) re-pull on it; nats.go
 * has the same gap (#2063). Wraps the pull subscription's callback: every message still
 * goes to the client first. Returns false, changing nothing, if the client's internals
 * are not the expected ones (a test fails then, so an upgrade is noticed).
 */
export function repullOnLeadershipChange(messages: ConsumerMessages, onChange: () => void = () => {}): boolean {
  const internals = messages as unknown as PullInternals;
  const sub = internals.sub;
  const original = sub?.callback;
  const resetPending = internals.resetPending;
  if (!sub || typeof original !== "function" || typeof resetPending !== "function") return false;
  sub.callback = (err, msg) => {
    original.call(sub, err, msg);
    if (!err && isLeadershipChange(msg)) {
      onChange();
      // With `bind` this drops the pending counts and sends a new pull at once.
      resetPending.call(internals).catch(() => {});
    }
  };
  return true;
}
