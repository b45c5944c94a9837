import type { RequestHandler } from "express";
import { BadRequestError, UnsupportedMediaTypeError } from "../errors";

/**
 * Compressed request bodies are refused with 415 before any parser sees them: body-parser
 * would inflate gzip/deflate (a few kB can expand to the whole size limit in CPU time) and
 * fails on `br` with an error of its own. No client of ours compresses what it sends.
 */
export const refuseEncodedBodies: RequestHandler = (req, _res, next) => {
  const encoding = req.headers["content-encoding"];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== "identity") {
    throw new UnsupportedMediaTypeError("Compressed request bodies are not accepted", "Content-Encoding");
  }
  next();
};

/**
 * A path whose percent-encoding does not decode (`/api/tickets/%ZZ`) or that decodes to
 * a NUL is a 400 naming `path`, before the router tries to decode it into a parameter.
 */
export const refuseMalformedPaths: RequestHandler = (req, _res, next) => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.path);
  } catch {
    throw new BadRequestError("The path has malformed percent-encoding", "path");
  }
  if (decoded.includes("\u0000")) throw new BadRequestError("The path must not contain NUL characters", "path");
  next();
};

/** The dotted path of the first string (value or key) in `value` that contains a NUL, if any. */
export function findNul(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "body" : undefined;
  // JSON bodies are bounded by the size limit; depth keeps a pathological nesting cheap.
  if (value === null || typeof value !== "object" || depth > 64) return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "\\0")].join(".");
    const found = findNul(child, [...path, key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * NUL characters in text (body fields and query parameters) are refused with a 400 naming
 * the field: PostgreSQL cannot store them in `text`, so they would otherwise become a 500
 * from deep inside a query. Runs after the body parsers.
 */
export const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  const inQuery = findNul(req.query);
  if (inQuery !== undefined) throw new BadRequestError(`${inQuery} must not contain NUL characters`, inQuery);
  const inBody = findNul(req.body);
  if (inBody !== undefined) throw new BadRequestError(`${inBody} must not contain NUL characters`, inBody);
  next();
};
