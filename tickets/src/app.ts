import { type Logger, routeAliases, ServiceHost } from "@m-ticketing/common";
import type { TicketsConfig } from "./config";
import { migrationsFolder, schema } from "./db";
import { orderCancelledListener } from "./events/order-cancelled-listener";
import { orderCompletedListener } from "./events/order-completed-listener";
import { orderCreatedListener } from "./events/order-created-listener";
import { seedAliases } from "./routes/seed-aliases";
import { ticketsRouter } from "./routes/tickets-router";

export interface ServiceOptions {
  logger?: Logger;
  /** Consumer settings (tests shorten the ack wait to see redeliveries quickly). */
  consumer?: { ackWaitMs?: number; concurrency?: number };
}

/** Wires the tickets service: its database, the listings API and the order listeners. */
export function createTicketsService(config: TicketsConfig, options: ServiceOptions = {}) {
  return new ServiceHost({
    name: "tickets",
    config,
    schema,
    migrationsFolder,
    routes: ({ database }) => [
      routeAliases(seedAliases),
      ticketsRouter({ db: database.db, currency: config.CURRENCY }),
    ],
    listeners: () => [orderCreatedListener, orderCancelledListener, orderCompletedListener],
    ...options,
  });
}
