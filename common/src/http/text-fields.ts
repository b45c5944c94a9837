import type { z } from "zod";

// C0 and C1 control characters (NUL, ESC, DEL, ...) and the bidirectional embeddings,
// overrides and isolates (U+202A-U+202E, U+2066-U+2069), with which a listing can render
// as something other than what it says (a right-to-left override turns "kcab" into
// "back"). Tab, line feed and carriage return are allowed where the field has lines.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const HIDDEN_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const HIDDEN_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * Refuses text people will read on someone else's screen (titles, descriptions) when it
 * hides control or bidi-override characters: a 400 naming the field, as for any bad input.
 */
export function visibleText<S extends z.ZodString>(schema: S, { multiline = false } = {}): S {
  const hidden = multiline ? HIDDEN_MULTI_LINE : HIDDEN_SINGLE_LINE;
  return schema.refine((value) => !hidden.test(value), {
    message: "must not contain control or text-direction characters",
  }) as S;
}
