import { z } from "zod";
import { cents, currency, ticketStatus, uuid } from "./shared-fields";

/** A seller listed a ticket. Published by tickets. */
export const ticketCreated = {
  type: "ticket.created",
  version: 1,
  data: z.object({
    id: uuid,
    title: z.string(),
    price: cents,
    currency,
    userId: uuid,
    status: ticketStatus,
    orderId: uuid.nullable(),
    version: z.number().int().nonnegative(),
    /**
     * Added with events (optional, so publishers and consumers of the first shape still
     * agree): the event the ticket is for (null for listings older than events) and when
     * it starts. Nothing is sold from then on.
     */
    eventId: uuid.nullable().optional(),
    startsAt: z.iso.datetime({ offset: true }).optional(),
  }),
} as const;
