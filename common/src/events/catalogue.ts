import type { z } from "zod";
import { expirationComplete } from "./expiration-complete";
import { orderCancelled } from "./order-cancelled";
import { orderCompleted } from "./order-completed";
import { orderCreated } from "./order-created";
import { paymentCreated } from "./payment-created";
import { paymentRefunded } from "./payment-refunded";
import { ticketCreated } from "./ticket-created";
import { ticketUpdated } from "./ticket-updated";
import { userSessionsRevoked } from "./user-sessions-revoked";

/**
 * Every integration event, by type. The type is also the NATS subject (after the
 * deployment's subject prefix); `version` is the version of the data schema.
 */
export const eventCatalogue = {
  [ticketCreated.type]: ticketCreated,
  [ticketUpdated.type]: ticketUpdated,
  [orderCreated.type]: orderCreated,
  [orderCancelled.type]: orderCancelled,
  [orderCompleted.type]: orderCompleted,
  [expirationComplete.type]: expirationComplete,
  [paymentCreated.type]: paymentCreated,
  [paymentRefunded.type]: paymentRefunded,
  [userSessionsRevoked.type]: userSessionsRevoked,
} as const;

export type EventType = keyof typeof eventCatalogue;
export type EventData<T extends EventType> = z.infer<(typeof eventCatalogue)[T]["data"]>;
export const eventTypes = Object.keys(eventCatalogue) as EventType[];
