import { NotFoundError } from "@m-ticketing/common";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID names nothing: 404, and Postgres never sees it. */
function idParam(what: string) {
  return (value: string | string[] | undefined): string => {
    if (typeof value !== "string" || !UUID.test(value)) throw new NotFoundError(`${what} not found`);
    return value;
  };
}

export const ticketIdParam = idParam("Ticket");
export const eventIdParam = idParam("Event");
