// C4: two replicas of every service sharing their database (like two pods of each
// Deployment), then kill -9 one replica of each mid-load. The survivors carry on
// (the gateway drops a dead replica within one health probe, as a Service drops a
// pod), and nothing is lost or done twice.
import { sleep } from "../../bench/lib/processes.mjs";
import { BACKEND } from "../../bench/lib/stack.mjs";
import { runTraffic, writesBetween } from "../lib/traffic.mjs";

export const C4_OPTIONS = { replicas: 2 };

export async function c4Replicas(stack, note, { seconds = 24, killAt = 8 } = {}) {
  const traffic = runTraffic(stack, { seconds, workers: 10 });
  await sleep(killAt * 1000);
  await Promise.all(BACKEND.map((name) => stack.kill(name, 0)));
  const killedAt = Date.now();
  note(`killed replica 0 of ${BACKEND.join(", ")} (kill -9) after ${traffic.stats.ordersPlaced} orders`);
  const stats = await traffic.done;
  note(
    `traffic: ${stats.ticketsCreated} tickets, ${stats.ordersPlaced} orders (${stats.paid} paid, ${stats.cancelled} cancelled, ${stats.left} left to expire); failures ${JSON.stringify(stats.failures)}`,
  );
  const after = writesBetween(stats, killedAt + 1000, Date.now());
  return after.ok > 0 ? [] : ["nothing succeeded on the surviving replicas"];
}
