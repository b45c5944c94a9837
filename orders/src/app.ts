import { ServiceHost, type ServiceOptions, serviceModule } from "@m-ticketing/common";
import { loadConfig, type OrdersConfig } from "./config";
import { migrationsFolder, schema } from "./db";
import { expirationCompleteListener } from "./events/expiration-complete-listener";
import { paymentCreatedListener } from "./events/payment-created-listener";
import { paymentRefundedListener } from "./events/payment-refunded-listener";
import { ticketCreatedListener } from "./events/ticket-created-listener";
import { ticketUpdatedListener } from "./events/ticket-updated-listener";
import { eventStartJob } from "./jobs/cancel-started-events";
import { ordersRouter } from "./routes/orders-router";

/** Wires the orders service: its database, the orders API, the tickets replica and the order lifecycle. */
export function createOrdersService(config: OrdersConfig, options: ServiceOptions = {}) {
  return new ServiceHost({
    name: "orders",
    config,
    schema,
    migrationsFolder,
    routes: ({ database }) => [
      ordersRouter({
        db: database.db,
        expirationSeconds: config.ORDER_EXPIRATION_SECONDS,
        reservationLimits: {
          maxActivePerBuyer: config.MAX_ACTIVE_ORDERS_PER_BUYER,
          rereserveCooldownSeconds: config.RERESERVE_COOLDOWN_SECONDS,
        },
        maxPerEvent: config.MAX_TICKETS_PER_BUYER_PER_EVENT,
      }),
    ],
    listeners: ({ logger }) => [
      ticketCreatedListener,
      ticketUpdatedListener,
      expirationCompleteListener,
      paymentCreatedListener(logger),
      paymentRefundedListener,
    ],
    resources: ({ database, logger }) => [eventStartJob(database.db, logger, config.EVENT_START_CHECK_MS)],
    ...options,
  });
}

/** The orders service as the tests' `startTest` (and tools) start it. */
export const ordersModule = serviceModule("orders", { migrationsFolder, loadConfig, create: createOrdersService });
