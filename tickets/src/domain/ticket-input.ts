import { LIMITS, priceInput } from "@m-ticketing/common";
import { z } from "zod";

/** The fields a seller sends to list a ticket or to edit it (an edit replaces them all). */
export const ticketInput = z.object({
  title: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(LIMITS.titleMax, `must be at most ${LIMITS.titleMax} characters`),
  price: priceInput,
  description: z
    .string()
    .trim()
    .max(LIMITS.descriptionMax, `must be at most ${LIMITS.descriptionMax} characters`)
    .nullish(),
  eventDate: z.iso
    .datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2030-05-01T20:00:00Z" })
    .transform((value) => new Date(value))
    // Nobody can use a ticket for an event that is over, so it cannot be listed.
    .refine((date) => date.getTime() > Date.now(), "must be in the future"),
  venue: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(LIMITS.venueMax, `must be at most ${LIMITS.venueMax} characters`),
});

export type TicketInput = z.infer<typeof ticketInput>;

/** Column values for a validated input (an empty description is stored as none). */
export function ticketColumns(input: TicketInput) {
  return {
    title: input.title,
    priceCents: input.price,
    description: input.description || null,
    eventDate: input.eventDate,
    venue: input.venue,
  };
}
