import { LIMITS, latestEventStart, priceInput, uuidField, visibleText } from "@m-ticketing/common";
import { z } from "zod";
import { eventInput } from "./event-input";

// Listing text is read on other people's screens: no control or bidi-override characters
// (visibleText); only the description has lines.
const optionalText = (max: number, { multiline = false } = {}) =>
  visibleText(z.string().trim().max(max, `must be at most ${max} characters`), { multiline })
    .nullish()
    .transform((value) => value || null);

/** What describes one listing, whatever the event: price, face value, place, notes. */
const listingFields = {
  price: priceInput,
  /** What the seller paid; the asking price is capped relative to it. */
  faceValue: priceInput,
  section: optionalText(40),
  row: optionalText(20),
  seat: optionalText(20),
  description: optionalText(LIMITS.descriptionMax, { multiline: true }),
};

/**
 * `POST /api/tickets`: `quantity` listings (each sold separately) for the event `eventId`,
 * or for `event`, which is found or created (the seller's "not there yet? create it").
 *
 * Transitional: a body with `title`, `eventDate` and `venue` instead (the form before
 * events) lists for the event of that name, venue and date (UTC), without a face value.
 */
export const ticketInput = z
  .object({
    eventId: uuidField("an event id").optional(),
    event: eventInput.optional(),
    ...listingFields,
    faceValue: priceInput.optional(),
    quantity: z.coerce.number().int().min(1, "must be at least 1").max(20, "must be at most 20").default(1),
    title: visibleText(
      z
        .string()
        .trim()
        .min(1, "must not be empty")
        .max(LIMITS.titleMax, `must be at most ${LIMITS.titleMax} characters`),
    ).optional(),
    venue: visibleText(
      z
        .string()
        .trim()
        .min(1, "must not be empty")
        .max(LIMITS.venueMax, `must be at most ${LIMITS.venueMax} characters`),
    ).optional(),
    eventDate: z.iso
      .datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2030-05-01T20:00:00Z" })
      .transform((value) => new Date(value))
      .refine((date) => date.getTime() > Date.now(), { message: "must be in the future", abort: true })
      .refine(
        (date) => date.getTime() <= latestEventStart(),
        `must be at most ${LIMITS.eventMaxYearsAhead} years from now`,
      )
      .optional(),
  })
  .superRefine((input, ctx) => {
    const missing = (field: string, message = "is required") =>
      ctx.addIssue({ code: "custom", path: [field], message });
    if (input.eventId && input.event) missing("event", "give either eventId or event, not both");
    if (input.eventId || input.event) {
      if (input.faceValue === undefined) missing("faceValue");
    } else if (input.title !== undefined) {
      if (!input.venue) missing("venue");
      if (!input.eventDate) missing("eventDate");
    } else {
      missing("eventId", "is required: pick the event (or describe a new one in `event`)");
    }
  });

export type TicketInput = z.infer<typeof ticketInput>;

const keptText = (max: number, { multiline = false } = {}) =>
  visibleText(z.string().trim().max(max, `must be at most ${max} characters`), { multiline }).nullish();

/**
 * `PUT /api/tickets/:id`: the listing's own fields (its event stays). A field left out keeps
 * its value; `null` or "" clears an optional one.
 */
export const ticketEdit = z.object({
  price: priceInput,
  faceValue: priceInput.optional(),
  section: keptText(40),
  row: keptText(20),
  seat: keptText(20),
  description: keptText(2000, { multiline: true }),
});

export type TicketEdit = z.infer<typeof ticketEdit>;
