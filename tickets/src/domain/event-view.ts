import { formatCents } from "@m-ticketing/common";
import type { events } from "../db/schema";

export type EventRow = typeof events.$inferSelect;

/** An event as every API response shows it: `minPrice` is the cheapest available listing, or null. */
export function toEventResponse(event: EventRow) {
  return {
    id: event.id,
    name: event.name,
    venue: event.venue,
    city: event.city,
    country: event.country,
    startsAt: event.startsAt.toISOString(),
    timeZone: event.timeZone,
    imageUrl: event.imageUrl,
    currency: event.currency,
    availableCount: event.availableCount,
    minPrice: event.minPriceCents === null ? null : formatCents(event.minPriceCents),
    createdAt: event.createdAt.toISOString(),
  };
}
