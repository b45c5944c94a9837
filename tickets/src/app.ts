import {
  type AnyListenerSpec,
  routeAliases,
  ServiceHost,
  type ServiceOptions,
  serviceModule,
} from "@m-ticketing/common";
import { Router } from "express";
import { loadConfig, type TicketsConfig } from "./config";
import { migrationsFolder, schema } from "./db";
import { BarcodeScanner } from "./delivery/barcode-scanner";
import { BarcodeSecret } from "./delivery/barcode-secret";
import { ticketFileStore } from "./delivery/ticket-file-stores";
import { ListingCache } from "./domain/listing-cache";
import { orderCancelledListener } from "./events/order-cancelled-listener";
import { orderCompletedListener } from "./events/order-completed-listener";
import { orderCreatedListener } from "./events/order-created-listener";
import { userListeners } from "./events/user-listeners";
import { deliveryRouter } from "./routes/delivery-router";
import { eventsRouter } from "./routes/events-router";
import { seedAliases } from "./routes/seed-aliases";
import { sellersRouter } from "./routes/sellers-router";
import { ticketsRouter } from "./routes/tickets-router";

/** Wires the tickets service: its database, the events, listings and delivery APIs and the order listeners. */
export function createTicketsService(config: TicketsConfig, options: ServiceOptions = {}) {
  const scanner = new BarcodeScanner({
    maxPages: config.TICKET_PDF_MAX_PAGES,
    timeoutMs: config.TICKET_SCAN_TIMEOUT_MS,
  });
  const secret = new BarcodeSecret(config.barcodeKey);
  const listingCache = new ListingCache(config.LISTING_CACHE_MS);
  // Any write through this API (listing, edit, withdrawal, event change, file) and any order
  // event applied here may change what the public pages show: forget them.
  // Forgotten as the answer's head is written: after the write committed, before the client can
  // read the answer and ask for a page ("finish" comes later, after the bytes left).
  const forgetPagesOnWrite = Router().use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      const writeHead = res.writeHead;
      res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
        listingCache.clear();
        return writeHead.apply(this, args);
      } as typeof writeHead;
    }
    next();
  });
  const forgetPages = (spec: AnyListenerSpec): AnyListenerSpec =>
    ({
      ...spec,
      handle: async (event: never, tx: never) => {
        listingCache.clear();
        await (spec.handle as (e: never, t: never) => Promise<void>)(event, tx);
        listingCache.clear();
      },
    }) as AnyListenerSpec;
  return new ServiceHost({
    name: "tickets",
    config,
    schema,
    migrationsFolder,
    routes: ({ database, logger }) => [
      forgetPagesOnWrite,
      routeAliases(seedAliases),
      eventsRouter({ db: database.db, currency: config.CURRENCY }),
      // Before the tickets router: its /api/tickets/:id would take /api/tickets/sellers.
      sellersRouter({ db: database.db }),
      // Before the tickets router: its /api/tickets/:id would take /api/tickets/purchased.
      deliveryRouter({
        db: database.db,
        store: ticketFileStore(config, logger),
        scanner,
        secret,
        logger,
        maxFileBytes: config.TICKET_FILE_MAX_BYTES,
        fees: config.fees,
      }),
      ticketsRouter({
        db: database.db,
        currency: config.CURRENCY,
        priceCapPercent: config.PRICE_CAP_PERCENT,
        sellerEmailVerification: config.SELLER_EMAIL_VERIFICATION,
        listingCache,
        fees: config.fees,
      }),
    ],
    resources: () => [{ name: "barcode-scanner", start: async () => {}, stop: () => scanner.close() }],
    listeners: () => [
      ...[orderCreatedListener, orderCancelledListener, orderCompletedListener].map(forgetPages),
      ...userListeners,
    ],
    ...options,
  });
}

/** The tickets service as the tests' `startTest` (and tools) start it. */
export const ticketsModule = serviceModule("tickets", { migrationsFolder, loadConfig, create: createTicketsService });
