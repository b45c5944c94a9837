import { uuidParam } from "@m-ticketing/common";

type PathValue = string | string[] | undefined;

/** Path ids that are not UUIDs name nothing: 404, and Postgres never sees them. */
export const ticketIdParam = (value: PathValue) => uuidParam(value, "Ticket not found");
export const eventIdParam = (value: PathValue) => uuidParam(value, "Event not found");
