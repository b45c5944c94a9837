import { type BusContext, ServiceHost, type ServiceOptions, serviceModule } from "@m-ticketing/common";
import { type ExpirationConfig, loadConfig } from "./config";
import { orderCancelledListener } from "./events/order-cancelled-listener";
import { orderCompletedListener } from "./events/order-completed-listener";
import { orderCreatedListener } from "./events/order-created-listener";
import { ExpirationJobs } from "./jobs/expiration-jobs";

/** Wires the expiration service (no database): order events in, one delayed job per order, `expiration.complete` out. */
export function createExpirationService(config: ExpirationConfig, options: ServiceOptions = {}) {
  let jobs: ExpirationJobs | undefined;
  // The host creates the NATS connection at start; the listeners and the resource share one queue.
  const jobsOf = (bus: BusContext) => {
    jobs ??= new ExpirationJobs(config, bus);
    return jobs;
  };
  return new ServiceHost({
    name: "expiration",
    config,
    database: false,
    resources: (bus) => [jobsOf(bus)],
    listeners: (bus) => {
      const { queue } = jobsOf(bus);
      return [orderCreatedListener(queue), orderCancelledListener(queue), orderCompletedListener(queue)];
    },
    ...options,
  });
}

/** The expiration service (no database) as the tests' `startTest` (and tools) start it. */
export const expirationModule = serviceModule("expiration", {
  database: false,
  loadConfig,
  create: createExpirationService,
});
