import type { Logger } from "pino";
import type { AuthConfig } from "../config";
import type { AuthDatabase } from "../db";
import type { GoogleSignIn } from "../integrations/google";
import type { PhotoStore } from "../integrations/photo-store";
import type { SessionSettings } from "./session-cookie";

/** What the routers work with, built once in app.ts. */
export interface RouteDeps {
  db: AuthDatabase;
  config: AuthConfig;
  session: SessionSettings;
  photos: PhotoStore;
  /** Present only when Google sign-in is configured. */
  google?: GoogleSignIn;
  logger: Logger;
}
