import { LIMITS } from "@m-ticketing/common";
import { z } from "zod";
import { weakPasswordMessage } from "../domain/password-strength";

/** A string field whose message says whether it was missing or of the wrong type. */
const text = (label: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) });

// Letters of any alphabet (with their combining marks), spaces, apostrophes (' and ’),
// hyphens and dots: "Zoë O'Brien-Smith Jr.", "José Ñúñez", "Łukasz", "李小龍", "हिन्दी".
const NAME_CHARS = /^[\p{L}\p{M} '’.-]+$/u;

/** A person's name, trimmed, inner whitespace collapsed and Unicode-normalised (NFC). */
export const name = text("Name")
  .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      // One message per field: stop at the first rule broken.
      .min(1, { message: "Name is required", abort: true })
      .max(LIMITS.nameMax, { message: `Name must be at most ${LIMITS.nameMax} characters`, abort: true })
      .regex(NAME_CHARS, {
        message: "Name may contain only letters, spaces, apostrophes, hyphens and dots",
        abort: true,
      })
      .regex(/\p{L}/u, "Name must contain a letter"),
  );

/** Trimmed and lower-cased: the form emails are stored and compared in. */
export const email = text("Email")
  .trim()
  .toLowerCase()
  .pipe(
    z.email("Enter a valid email address").max(LIMITS.emailMax, `Email must be at most ${LIMITS.emailMax} characters`),
  );

/**
 * A password being chosen: long enough, bounded, and not too easy to guess (zxcvbn, see
 * domain/password-strength). The sign-up form also checks it against the name and e-mail.
 */
export const newPassword = (label = "Password", { strength = true } = {}) =>
  text(label)
    .min(LIMITS.passwordMin, { message: `${label} must be at least ${LIMITS.passwordMin} characters`, abort: true })
    .max(LIMITS.passwordMax, { message: `${label} must be at most ${LIMITS.passwordMax} characters`, abort: true })
    .superRefine((password, ctx) => {
      if (!strength) return; // checked by the form, with the person's name and e-mail
      const weak = weakPasswordMessage(password, label);
      if (weak) ctx.addIssue({ code: "custom", message: weak });
    });

/** A password being checked (not chosen): any non-empty string, bounded so hashing stays cheap. */
export const enteredPassword = (label = "Password") =>
  text(label).min(1, `${label} is required`).max(1024, `${label} is too long`);

/** `""` and `null` clear an optional text field. */
const clearable = <T extends z.ZodType<string | null, string>>(schema: T) =>
  z.preprocess((value) => (value === "" ? null : value), schema.nullable());

export const jobTitle = clearable(
  text("Job title")
    .trim()
    .max(LIMITS.jobTitleMax, `Job title must be at most ${LIMITS.jobTitleMax} characters`)
    .regex(/^[^\p{Cc}]*$/u, "Job title must not contain control characters")
    .transform((s) => s || null),
);

export const phone = clearable(
  text("Phone")
    .trim()
    .refine((s) => {
      const digits = s.replace(/\D/g, "").length;
      return (
        /^\+?[0-9 ().-]+$/.test(s) &&
        digits >= LIMITS.phoneDigitsMin &&
        digits <= LIMITS.phoneDigitsMax &&
        s.length <= LIMITS.phoneMax
      );
    }, "Enter a phone number of 6 to 15 digits, like +1 555 123 4567"),
);
