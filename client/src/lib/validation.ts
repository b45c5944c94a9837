// Client-side checks mirroring the services' rules, so people see mistakes while typing.
// The server stays the authority: its field errors are shown in the same places.

import { LIMITS, latestEventStart, PHOTO_TYPES } from "@m-ticketing/common/limits";

export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

// The limits come from the one module the services validate with (plain constants: the
// import adds no server code to the bundle).
export { LIMITS, PHOTO_TYPES };

const PRICE = /^\d+(\.\d{1,2})?$/;
// Letters of any alphabet (with their combining marks), spaces, apostrophes (' and ’),
// hyphens and dots, with at least one letter: the auth service's rule.
const NAME = /^[\p{L}\p{M} '’.-]+$/u;
// The shape the server accepts; deliberately loose (the server has the final word).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]+$/;

export function validatePrice(raw: string): string | undefined {
  const value = raw.trim();
  if (!value) return "Enter a price";
  if (!/^\d+(\.\d+)?$/.test(value)) return "Enter a number, like 25 or 25.50";
  if (!PRICE.test(value)) return "Use at most two decimals";
  const cents = Math.round(Number(value) * 100);
  if (cents <= 0) return "The price must be greater than 0";
  if (cents > LIMITS.priceMax * 100) return `The price can be at most ${LIMITS.priceMax.toLocaleString("en-US")}`;
  return undefined;
}

/** The listing's own fields, as the edit form holds them (the event's are not the listing's to edit). */
export interface ListingEditValues {
  price: string;
  /** What the seller paid; empty on a listing from before face values (then none is sent). */
  faceValue: string;
  section: string;
  row: string;
  seat: string;
  description: string;
}

export type ListingEditField = keyof ListingEditValues;

/** The tickets service's rules for `PUT /api/tickets/:id`, with the price cap of `capPercent` % of the face value. */
export function validateListingEdit(values: ListingEditValues, capPercent: number): FieldErrors<ListingEditField> {
  const errors: FieldErrors<ListingEditField> = {};
  const price = validatePrice(values.price);
  if (price) errors.price = price;
  const face = values.faceValue.trim();
  if (face) {
    const problem = validatePrice(face);
    if (problem) errors.faceValue = problem.replace("a price", "the face value").replace("The price", "The face value");
    else if (!price) {
      const max = Math.floor((Math.round(Number(face) * 100) * capPercent) / 100);
      if (Math.round(Number(values.price.trim()) * 100) > max) {
        errors.price = `At most ${(max / 100).toFixed(2)} (${capPercent}% of the face value)`;
      }
    }
  }
  const longer = (field: "section" | "row" | "seat", max: number, label: string) => {
    if (values[field].trim().length > max) errors[field] = `Use up to ${max} characters for the ${label}`;
  };
  longer("section", 40, "section");
  longer("row", 20, "row");
  longer("seat", 20, "seat");
  if (values.description.trim().length > LIMITS.descriptionMax) {
    errors.description = `Use up to ${LIMITS.descriptionMax} characters for the description`;
  }
  return errors;
}

export function validateName(raw: string): string | undefined {
  const name = raw.normalize("NFC").trim().replace(/\s+/g, " ");
  if (!name) return "Enter your name";
  if (name.length > LIMITS.nameMax) return `Use up to ${LIMITS.nameMax} characters for your name`;
  if (!NAME.test(name)) return "Use letters, spaces, apostrophes, hyphens and dots only";
  if (!/\p{L}/u.test(name)) return "Your name must contain a letter";
  return undefined;
}

export function validateEmail(raw: string): string | undefined {
  const email = raw.trim();
  if (!email) return "Enter your email address";
  if (!EMAIL.test(email)) return "Enter a valid email address, like name@example.com";
  return undefined;
}

export function validateNewPassword(password: string): string | undefined {
  if (password.length < LIMITS.passwordMin) return `Use at least ${LIMITS.passwordMin} characters`;
  if (password.length > LIMITS.passwordMax) return `Use at most ${LIMITS.passwordMax} characters`;
  return undefined;
}

export interface SignUpValues {
  name: string;
  email: string;
  password: string;
  passwordConfirm: string;
}

export function validateSignUp(values: SignUpValues): FieldErrors<keyof SignUpValues> {
  const errors: FieldErrors<keyof SignUpValues> = {};
  const name = validateName(values.name);
  if (name) errors.name = name;
  const email = validateEmail(values.email);
  if (email) errors.email = email;
  const password = validateNewPassword(values.password);
  if (password) errors.password = password;
  if (!values.passwordConfirm) errors.passwordConfirm = "Repeat your password";
  else if (values.passwordConfirm !== values.password) errors.passwordConfirm = "The passwords do not match";
  return errors;
}

export function validateSignIn(values: { email: string; password: string }): FieldErrors<"email" | "password"> {
  const errors: FieldErrors<"email" | "password"> = {};
  const email = validateEmail(values.email);
  if (email) errors.email = email;
  if (!values.password) errors.password = "Enter your password";
  return errors;
}

export interface ProfileValues {
  name: string;
  jobTitle: string;
  phone: string;
}

export function validateProfile(values: ProfileValues): FieldErrors<keyof ProfileValues> {
  const errors: FieldErrors<keyof ProfileValues> = {};
  const name = validateName(values.name);
  if (name) errors.name = name;
  if (values.jobTitle.trim().length > LIMITS.jobTitleMax) {
    errors.jobTitle = `Use up to ${LIMITS.jobTitleMax} characters for the job title`;
  }
  const phone = values.phone.trim();
  if (phone) {
    const digits = phone.replace(/\D/g, "").length;
    const length = phone.length;
    if (!PHONE.test(phone) || length < LIMITS.phoneDigitsMin || length > LIMITS.phoneMax) {
      errors.phone = "Enter a phone number like +1 555 123 4567";
    } else if (digits < LIMITS.phoneDigitsMin || digits > LIMITS.phoneDigitsMax) {
      errors.phone = `A phone number has ${LIMITS.phoneDigitsMin} to ${LIMITS.phoneDigitsMax} digits`;
    }
  }
  return errors;
}

/** Why a chosen photo cannot be uploaded, or undefined (the server re-checks the bytes). */
export function validatePhoto(file: { size: number; type: string }): string | undefined {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return "Choose a JPEG, PNG or WebP image";
  if (file.size > LIMITS.photoMaxBytes) return `Choose an image of at most ${LIMITS.photoMaxBytes / (1024 * 1024)} MB`;
  return undefined;
}

export interface PasswordChangeValues {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

export function validatePasswordChange(values: PasswordChangeValues): FieldErrors<keyof PasswordChangeValues> {
  const errors: FieldErrors<keyof PasswordChangeValues> = {};
  if (!values.currentPassword) errors.currentPassword = "Enter your current password";
  const next = validateNewPassword(values.newPassword);
  if (next) errors.newPassword = next;
  if (!values.newPasswordConfirm) errors.newPasswordConfirm = "Repeat the new password";
  else if (values.newPasswordConfirm !== values.newPassword) errors.newPasswordConfirm = "The passwords do not match";
  return errors;
}

/**
 * Where to go after signing in: only a path on this site. Browsers drop tabs and newlines
 * from URLs and read `\\` as `/`, so `/%09/evil.example` would become `//evil.example`
 * (another site): any control character, whitespace or backslash makes the value unsafe,
 * and what is left must resolve to this origin.
 */
export function safeReturnPath(next: string | null | undefined, fallback = "/"): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (!next?.startsWith("/") || /[\u0000-\u0020\u007f-\u00a0\\]/.test(next) || next.startsWith("//")) return fallback;
  const base = "http://this.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || url.pathname.startsWith("/auth/")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

const YEARS_AHEAD_MESSAGE = `Events can be listed at most ${LIMITS.eventMaxYearsAhead} years ahead`;

/**
 * What is wrong with an event's start typed as local time ("2027-05-23T20:00"), judged by
 * the browser's clock (the tickets service checks the exact instant): not in the past, and
 * at most LIMITS.eventMaxYearsAhead years ahead (a 2099 date is a typo).
 */
export function eventStartProblem(local: string, now: number = Date.now()): string | undefined {
  if (!local.trim()) return undefined;
  const when = new Date(local).getTime();
  if (Number.isNaN(when)) return "Enter a valid date and time";
  if (when <= now) return "The event must be in the future";
  if (when > latestEventStart(now)) return YEARS_AHEAD_MESSAGE;
  return undefined;
}
