import { ServiceHost } from "@m-ticketing/common";
import type { AuthConfig } from "./config";
import { migrationsFolder, schema } from "./db";
import { currentUserRouter } from "./routes/current-user";

/** Wires the auth service: its database, routes and (none yet) listeners. */
export function createAuthService(config: AuthConfig) {
  return new ServiceHost({
    name: "auth",
    config,
    schema,
    migrationsFolder,
    routes: () => [currentUserRouter()],
  });
}
