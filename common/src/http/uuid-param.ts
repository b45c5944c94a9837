import { NotFoundError } from "../errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path id (`req.params.id`) that must be a UUID. One that is not names nothing: 404 with
 * `notFound` ("Order not found"), and PostgreSQL never sees it.
 */
export function uuidParam(value: string | string[] | undefined, notFound: string): string {
  if (typeof value !== "string" || !UUID.test(value)) throw new NotFoundError(notFound);
  return value;
}
