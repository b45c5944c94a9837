import type { RequestHandler } from "express";
import type { z } from "zod";
import { RequestValidationError } from "../errors";

/** zod issues as `{message, field}` items, field being the dotted path (`ticket.price`). */
export function toErrorItems(error: z.ZodError) {
  return error.issues.map((issue) => ({
    message: issue.message,
    field: issue.path.length ? issue.path.join(".") : undefined,
  }));
}

/** Parses `value` with `schema` or throws a 400 naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new RequestValidationError(toErrorItems(result.error));
  return result.data;
}

type Part = "body" | "query" | "params";

/**
 * Validates one part of the request and stores the parsed value in `res.locals[part]`
 * (Express 5's `req.query` is a read-only getter, so we never write back to it).
 */
export function validate<S extends z.ZodType>(part: Part, schema: S): RequestHandler {
  return (req, res, next) => {
    res.locals[part] = parseOrThrow(schema, req[part] ?? {});
    next();
  };
}
