import type { Request } from "express";
import { z } from "zod";
import { RequestValidationError } from "../errors";

/** zod issues as `{message, field}` items, field being the dotted path (`ticket.price`). */
export function toErrorItems(error: z.ZodError) {
  return error.issues.map((issue) => ({
    message: issue.message,
    field: issue.path.length ? issue.path.join(".") : undefined,
  }));
}

type Part = "body" | "query" | "params";
type Schemas = Partial<Record<Part, z.ZodType>>;
/** The parsed parts, typed by their schemas (a part without a schema is absent). */
export type Validated<S extends Schemas> = { [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never };

/**
 * Parses the request's `body`, `query` and `params` with the schemas given and returns them
 * typed, or throws one 400 naming every bad field of every part. Nothing is written back to
 * the request (Express 5's `req.query` is a read-only getter).
 *
 *     const { body } = validate(req, { body: newOrder }); // body: z.output<typeof newOrder>
 */
export function validate<S extends Schemas>(req: Request, schemas: S): Validated<S> {
  const parsed: Partial<Record<Part, unknown>> = {};
  const errors: ReturnType<typeof toErrorItems> = [];
  for (const part of Object.keys(schemas) as Part[]) {
    const result = schemas[part]!.safeParse(req[part] ?? {});
    if (result.success) parsed[part] = result.data;
    else errors.push(...toErrorItems(result.error));
  }
  if (errors.length) throw new RequestValidationError(errors);
  return parsed as Validated<S>;
}

/**
 * A UUID in a body or query field (`ticketId`): 400 "must be <what> (a UUID)". A path id
 * uses `uuidParam` instead, where a malformed id is a 404.
 */
export const uuidField = (what: string) => z.uuid(`must be ${what} (a UUID)`);
