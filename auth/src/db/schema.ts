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
