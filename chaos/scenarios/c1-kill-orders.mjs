// C1: kill -9 the orders service in the middle of a stream of ticket creations and
// orders, restart it. Nothing it had committed may be lost (its outbox still publishes),
// nothing half-done may remain, and it must take orders again after the restart.
import { sleep } from "../../bench/lib/processes.mjs";
import { runTraffic, writesBetween } from "../lib/traffic.mjs";

export async function c1KillOrders(stack, note, { seconds = 20, killAt = 6, downFor = 3 } = {}) {
  const traffic = runTraffic(stack, { seconds });
  await sleep(killAt * 1000);
  const before = traffic.stats.ordersPlaced;
  await stack.kill("orders");
  note(`killed orders (kill -9) after ${before} orders`);
  await sleep(downFor * 1000);
  const ready = await stack.restart("orders");
  const restartedAt = Date.now();
  note(`orders restarted, ready in ${Math.round(ready)} ms`);
  const stats = await traffic.done;
  note(
    `traffic: ${stats.ticketsCreated} tickets, ${stats.ordersPlaced} orders (${stats.paid} paid, ${stats.cancelled} cancelled, ${stats.left} left to expire); failures ${JSON.stringify(stats.failures)}`,
  );
  const after = writesBetween(stats, restartedAt, Date.now(), "place order");
  return after.ok > 0 ? [] : ["no order was placed after orders restarted"];
}
