import type { RouteAlias } from "@m-ticketing/common";

/** The paths the seed's documentation names, answered by our routes (same validation and behaviour). */
export const seedAliases: RouteAlias[] = [{ method: "post", path: "/api/tickets/new", to: { path: "/api/tickets" } }];
