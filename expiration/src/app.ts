import type { Logger } from "@m-ticketing/common";
import type { ExpirationConfig } from "./config";
import { orderCancelledListener } from "./events/order-cancelled-listener";
import { orderCompletedListener } from "./events/order-completed-listener";
import { orderCreatedListener } from "./events/order-created-listener";
import { ExpirationHost } from "./host";

export interface ServiceOptions {
  logger?: Logger;
  consumer?: { ackWaitMs?: number; concurrency?: number };
}

/** Wires the expiration service: order events in, one delayed job per order, `expiration.complete` out. */
export function createExpirationService(config: ExpirationConfig, options: ServiceOptions = {}) {
  return new ExpirationHost(config, {
    ...options,
    listeners: (queue) => [orderCreatedListener(queue), orderCancelledListener(queue), orderCompletedListener(queue)],
  });
}
