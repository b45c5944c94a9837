import { type ServiceOptions, serviceModule } from "@m-ticketing/common";
import { type ExpirationConfig, loadConfig } from "./config";
import { orderCancelledListener } from "./events/order-cancelled-listener";
import { orderCompletedListener } from "./events/order-completed-listener";
import { orderCreatedListener } from "./events/order-created-listener";
import { ExpirationHost } from "./host";

/** Wires the expiration service: order events in, one delayed job per order, `expiration.complete` out. */
export function createExpirationService(config: ExpirationConfig, options: ServiceOptions = {}) {
  return new ExpirationHost(config, {
    ...options,
    listeners: (queue) => [orderCreatedListener(queue), orderCancelledListener(queue), orderCompletedListener(queue)],
  });
}

/** The expiration service (no database) as the tests' `startTest` (and tools) start it. */
export const expirationModule = serviceModule("expiration", {
  database: false,
  loadConfig,
  create: createExpirationService,
});
