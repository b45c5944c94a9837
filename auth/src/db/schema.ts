import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** Stored normalised (trimmed, lower case), so the unique index compares case-insensitively. */
    email: text("email").notNull(),
    /** True once a provider we trust (Google) proved the user controls the address. */
    emailVerified: boolean("email_verified").notNull().default(false),
    /** `scrypt$…` (see domain/passwords.ts); null for Google-only accounts or a revoked password. */
    passwordHash: text("password_hash"),
    /** Google's subject id: the stable link to a Google account (emails can change). */
    googleSub: text("google_sub"),
    jobTitle: text("job_title"),
    phone: text("phone"),
    photoUrl: text("photo_url"),
    /** Where the photo lives, so it can be served (local) or replaced (both) after a config change. */
    photoStorage: text("photo_storage", { enum: ["local", "cloudinary"] }),
    /** Local file name or Cloudinary public id of the current photo. */
    photoKey: text("photo_key"),
    /** Sessions carry it; bumping it signs out every older session (password change, account takeover fix). */
    tokenVersion: integer("token_version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email), uniqueIndex("users_google_sub_idx").on(t.googleSub)],
);

/**
 * Sign-in attempts per client address (`ip`), per account and address (`pair`) and per
 * account (`account`, keyed by the normalised email whether or not such a user exists), and
 * sign-ups per address (`signup`); see domain/sign-in-limits.ts. Kept in PostgreSQL so every
 * auth replica sees the same counters.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    kind: text("kind", { enum: ["ip", "pair", "account", "signup"] }).notNull(),
    key: text("key").notNull(),
    failures: integer("failures").notNull(),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] }), index("sign_in_failures_window_idx").on(t.windowStartedAt)],
);

export type UserRow = typeof users.$inferSelect;

/**
 * Links that prove the user owns their address. The mailed token is `<id>.<signature>` (see
 * common's link-token): only the id is stored and published, so neither this table nor the
 * event stream holds a usable link. Single use (`used_at`), valid until `expires_at` (24 h).
 */
export const emailVerifications = pgTable(
  "email_verifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    /** The address this link verifies (a later change of address must not be verified by it). */
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_verifications_user_idx").on(t.userId, t.createdAt)],
);

/** Password reset links: like verifications, single use, valid one hour. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId, t.createdAt)],
);

/** Every "forgot password" request, for the per-address rate limit (pruned after a day). */
export const passwordResetRequests = pgTable(
  "password_reset_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ip: text("ip").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("password_reset_requests_ip_idx").on(t.ip, t.requestedAt)],
);
