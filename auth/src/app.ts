import { routeAliases, ServiceHost, type ServiceOptions, serviceModule } from "@m-ticketing/common";
import { type AuthConfig, loadConfig } from "./config";
import { migrationsFolder, schema } from "./db";
import { limitPasswordHashing } from "./domain/passwords";
import { currentTokenVersion } from "./domain/token-version";
import { CloudinaryPhotoStore } from "./integrations/cloudinary-photo-store";
import { GoogleSignIn } from "./integrations/google";
import { LocalPhotoStore } from "./integrations/local-photo-store";
import { signInFailurePruner } from "./jobs/sign-in-failure-pruner";
import { changePasswordRouter } from "./routes/change-password";
import { currentUserRouter } from "./routes/current-user";
import type { RouteDeps } from "./routes/deps";
import { googleOAuthRouter } from "./routes/google-oauth";
import { mailLinksRouter } from "./routes/mail-links";
import { photoRouter } from "./routes/photo";
import { profileRouter } from "./routes/profile";
import { seedAliases } from "./routes/seed-aliases";
import { signInRouter } from "./routes/signin";
import { signOutRouter } from "./routes/signout";
import { signUpRouter } from "./routes/signup";

/** Wires the auth service: its database, routes and the optional third parties (Google, Cloudinary, reCAPTCHA). */
export function createAuthService(config: AuthConfig, options: ServiceOptions = {}) {
  limitPasswordHashing(config.PASSWORD_HASH_CONCURRENCY);
  const localPhotos = new LocalPhotoStore(config.photoDir);
  const { GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET } = config;
  const google =
    GOOGLE_CLIENT_ID && GOOGLE_CLIENT_SECRET
      ? new GoogleSignIn({ ...config, GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET })
      : undefined;

  const host: ServiceHost<typeof schema> = new ServiceHost({
    name: "auth",
    config,
    schema,
    migrationsFolder,
    // Auth reads token versions from its own users table; it does not consume the revocation event.
    minTokenVersion: (ctx) => currentTokenVersion(ctx.database.db),
    resources: (ctx) => [
      signInFailurePruner(
        ctx.database.db,
        // Counters of every kind are kept for the longest of their windows.
        Math.max(config.signInLimits.windowSeconds, config.signUpLimit.windowSeconds),
        ctx.logger,
      ),
    ],
    routes: (ctx) => {
      const deps: RouteDeps = {
        db: ctx.database.db,
        config,
        session: { ...ctx.session, adminEmails: config.adminEmails },
        photos: config.CLOUDINARY_URL
          ? new CloudinaryPhotoStore(config.CLOUDINARY_URL, config.CLOUDINARY_FOLDER, ctx.logger)
          : localPhotos,
        google,
        logger: ctx.logger,
      };
      return [
        routeAliases(seedAliases),
        signUpRouter(deps),
        signInRouter(deps),
        signOutRouter(deps),
        currentUserRouter(deps),
        changePasswordRouter(deps),
        mailLinksRouter(deps),
        profileRouter(deps),
        googleOAuthRouter(deps),
        photoRouter(deps, localPhotos),
      ];
    },
    ...options,
  });
  return host;
}

/** The auth service as the tests' `startTest` (and tools) start it. */
export const authModule = serviceModule("auth", { migrationsFolder, loadConfig, create: createAuthService });
