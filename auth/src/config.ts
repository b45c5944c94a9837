import path from "node:path";
import {
  baseConfigSchema,
  durationSetting,
  durationToSeconds,
  LIMITS,
  mailLinkKey,
  parseConfig,
} from "@m-ticketing/common";
import { z } from "zod";

const positiveInt = z.coerce.number().int().min(1);

export const authConfigSchema = baseConfigSchema
  .extend({
    /** The gateway's origin as browsers see it: builds the Google redirect URI. */
    PUBLIC_URL: z.url().default("http://localhost:8080"),

    // Failed sign-ins (only failures count, so normal traffic is never throttled).
    SIGNIN_FAILURE_WINDOW: durationSetting("15m", "15m, 1h"),
    SIGNIN_MAX_FAILURES_PER_ACCOUNT: positiveInt.default(10),
    SIGNIN_MAX_FAILURES_PER_IP: positiveInt.default(100),
    /** Past SIGNIN_MAX_FAILURES_PER_ACCOUNT, attempts on the account are spaced 1, 2, 4 … s apart, up to this. */
    SIGNIN_MAX_ACCOUNT_DELAY_SECONDS: positiveInt.max(3600).default(30),
    /** Sign-ups per client address (IPv6: per /64) per SIGNUP_WINDOW. */
    SIGNUP_MAX_PER_IP: positiveInt.default(20),
    SIGNUP_WINDOW: durationSetting("1h", "15m, 1h"),
    /** Password hashes computed at once; more are answered 503 + Retry-After (never queued). */
    PASSWORD_HASH_CONCURRENCY: positiveInt.max(64).default(4),

    /** Key of the signatures in mailed links (shared with notifications); derived from JWT_KEY when unset. */
    MAIL_LINK_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    /** "Forgot password" requests per client address per hour before 429. */
    PASSWORD_RESET_MAX_PER_IP: positiveInt.default(20),
    /** Reset links mailed per account per hour (further requests get the same answer and no mail). */
    PASSWORD_RESET_MAX_PER_ACCOUNT: positiveInt.default(3),

    /** log2 of scrypt's cost N (memory = 128 · 2^n · 8 bytes: 15 → 32 MiB per hash). */
    PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(14).max(20).default(15),

    RECAPTCHA_SECRET: z.string().optional(),
    RECAPTCHA_VERIFY_URL: z.url().default("https://www.google.com/recaptcha/api/siteverify"),

    /** `cloudinary://key:secret@cloud` (optionally `?upload_prefix=…`): photos go to Cloudinary. */
    CLOUDINARY_URL: z
      .string()
      .regex(/^cloudinary:\/\/[^:@/]+:[^@/]+@[^/?]+/, "must look like cloudinary://<key>:<secret>@<cloud name>")
      .optional(),
    CLOUDINARY_FOLDER: z.string().default("ticketing/users"),
    /** Where photos are kept when Cloudinary is not configured (relative to the working directory). */
    PHOTO_DIR: z.string().default(".local/photos"),
    PHOTO_MAX_BYTES: positiveInt.default(LIMITS.photoMaxBytes),

    GOOGLE_CLIENT_ID: z.string().optional(),
    GOOGLE_CLIENT_SECRET: z.string().optional(),
    GOOGLE_AUTH_URL: z.url().default("https://accounts.google.com/o/oauth2/v2/auth"),
    GOOGLE_TOKEN_URL: z.url().default("https://oauth2.googleapis.com/token"),
    /** Google's signing keys as a `{kid: PEM}` map (the format google-auth-library reads on Node). */
    GOOGLE_CERTS_URL: z.url().default("https://www.googleapis.com/oauth2/v1/certs"),
    GOOGLE_ISSUERS: z.string().default("accounts.google.com,https://accounts.google.com"),

    /**
     * Comma-separated e-mail addresses of the platform's administrators (they decide buyer
     * claims). A user with one of them gets the admin claim in the session token once the
     * address is verified; removing an address takes effect at that user's next page load.
     */
    ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((email) => email.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.email("ADMIN_EMAILS must list e-mail addresses"))),
  })
  .superRefine((env, ctx) => {
    // Half a Google configuration would show a button that can only fail.
    if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET)) {
      const missing = env.GOOGLE_CLIENT_ID ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID";
      ctx.addIssue({ code: "custom", path: [missing], message: "set both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET" });
    }
  });

export type AuthConfig = ReturnType<typeof loadConfig>;

/** The environment, parsed once, plus the values derived from it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = parseConfig(authConfigSchema, env);
  return {
    ...config,
    signInLimits: {
      windowSeconds: durationToSeconds(config.SIGNIN_FAILURE_WINDOW),
      maxPerAccount: config.SIGNIN_MAX_FAILURES_PER_ACCOUNT,
      maxPerIp: config.SIGNIN_MAX_FAILURES_PER_IP,
      maxAccountDelaySeconds: config.SIGNIN_MAX_ACCOUNT_DELAY_SECONDS,
    },
    signUpLimit: { windowSeconds: durationToSeconds(config.SIGNUP_WINDOW), maxPerIp: config.SIGNUP_MAX_PER_IP },
    photoDir: path.resolve(config.PHOTO_DIR),
    linkKey: mailLinkKey(config),
    resetLimits: {
      perIpPerHour: config.PASSWORD_RESET_MAX_PER_IP,
      perAccountPerHour: config.PASSWORD_RESET_MAX_PER_ACCOUNT,
    },
    adminEmails: new Set(config.ADMIN_EMAILS),
    googleRedirectUri: `${config.PUBLIC_URL.replace(/\/+$/, "")}/api/users/oauth/google/callback`,
  };
}
