import { routeAliases, ServiceHost, type ServiceOptions, serviceModule } from "@m-ticketing/common";
import { loadConfig, type TicketsConfig } from "./config";
import { migrationsFolder, schema } from "./db";
import { orderCancelledListener } from "./events/order-cancelled-listener";
import { orderCompletedListener } from "./events/order-completed-listener";
import { orderCreatedListener } from "./events/order-created-listener";
import { seedAliases } from "./routes/seed-aliases";
import { ticketsRouter } from "./routes/tickets-router";

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

/** The tickets service as the tests' `startTest` (and tools) start it. */
export const ticketsModule = serviceModule("tickets", { migrationsFolder, loadConfig, create: createTicketsService });
