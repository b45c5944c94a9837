/**
 * Field limits shared by the services' validation and the client's forms: the one place
 * they are written. Plain constants with no imports, so the client can import this module
 * alone (`@m-ticketing/common/limits`) without pulling server code into the browser bundle.
 */
export const LIMITS = {
  /** Ticket title and venue, in characters (after trimming). */
  titleMax: 120,
  venueMax: 120,
  descriptionMax: 2000,
  /** Largest price of a listing, in whole currency units. */
  priceMax: 1_000_000,
  /** Search text of the listing endpoints. */
  searchMax: 200,
  /** A person's name, after normalising whitespace. */
  nameMax: 80,
  emailMax: 254,
  passwordMin: 8,
  passwordMax: 128,
  jobTitleMax: 100,
  /** Phone numbers: 6 to 15 digits, at most 30 characters with separators. */
  phoneDigitsMin: 6,
  phoneDigitsMax: 15,
  phoneMax: 30,
  /** How far ahead an event may start, in years (a 2099 date is a typo, not a show on sale). */
  eventMaxYearsAhead: 2,
  /** Default of auth's PHOTO_MAX_BYTES (a deployment may lower or raise it). */
  photoMaxBytes: 5 * 1024 * 1024,
} as const;

/** Photo formats auth accepts (it checks the bytes, not the declared type). */
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;

/** The latest start an event may have when created at `now` (LIMITS.eventMaxYearsAhead later). */
export function latestEventStart(now: number = Date.now()): number {
  return now + LIMITS.eventMaxYearsAhead * 365.25 * 24 * 3600 * 1000;
}
