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
  }),
} as const;
