import { z } from "zod";
import { uuid } from "./shared-fields";

/**
 * A user asked to be told when a ticket is listed for an event ("Notify me"), or no longer
 * (`subscribed: false`). Published by tickets, which keeps the subscriptions; notifications keeps
 * a replica (the newest by `occurredAt`) and sends the alerts.
 */
export const eventAlertChanged = {
  type: "event.alert-changed",
  version: 1,
  data: z.object({ eventId: uuid, userId: uuid, subscribed: z.boolean() }),
} as const;
