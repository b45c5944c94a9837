import { uuidParam } from "@m-ticketing/common";

/** A path id that is not a UUID names no order: 404, and Postgres never sees it. */
export const orderIdParam = (value: string | string[] | undefined) => uuidParam(value, "Order not found");
