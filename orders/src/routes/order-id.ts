import { NotFoundError } from "@m-ticketing/common";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID names no order: 404, and Postgres never sees it. */
export function orderIdParam(value: string | string[] | undefined): string {
  if (typeof value !== "string" || !UUID.test(value)) throw new NotFoundError("Order not found");
  return value;
}
