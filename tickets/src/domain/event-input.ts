import { LIMITS, latestEventStart, visibleText } from "@m-ticketing/common";
import { z } from "zod";

// Shown to every buyer: no control or bidi-override characters (visibleText).
const text = (max: number) =>
  visibleText(z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`));

/** True for a zone name the runtime's time-zone database knows (`Europe/Amsterdam`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What a seller sends to create an event (or to find the existing one for the same show). */
export const eventInput = z.object({
  name: text(120),
  venue: text(120),
  city: text(80),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as NL"),
  startsAt: z.iso
    .datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2030-05-01T20:00:00+02:00" })
    .transform((value) => new Date(value))
    // Nothing can be sold for an event that has started, so it cannot be created either.
    .refine((date) => date.getTime() > Date.now(), { message: "must be in the future", abort: true })
    .refine(
      (date) => date.getTime() <= latestEventStart(),
      `must be at most ${LIMITS.eventMaxYearsAhead} years from now`,
    ),
  timeZone: z.string().trim().refine(isTimeZone, "must be an IANA time zone such as Europe/Amsterdam"),
  imageUrl: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .max(2000, "must be at most 2000 characters")
    .nullish(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR")
    .optional(),
});

export type EventInput = z.infer<typeof eventInput>;

/** Lower case, accents and punctuation dropped, spaces collapsed: "Beyoncé — Live!" → "beyonce live". */
export function normaliseText(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The calendar date where the event happens (`2027-05-21`), in its own zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
}

/** Same normalised name, venue and local start date: the same show. */
export function dedupeKey(input: Pick<EventInput, "name" | "venue" | "startsAt" | "timeZone">): string {
  return [normaliseText(input.name), normaliseText(input.venue), localDate(input.startsAt, input.timeZone)].join("|");
}
