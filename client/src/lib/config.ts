// Configuration read from the environment at request time, never at build time, so one
// built image serves every environment. `process.env` is read through a variable on
// purpose: Next.js inlines `process.env.NEXT_PUBLIC_X` written literally at build time.
import "server-only";
import type { PublicConfig } from "./public-config";

const env: Record<string, string | undefined> = process.env;

const read = (name: string): string => (env[name] ?? "").trim();

export function serverConfig() {
  return {
    /** Where server-side rendering reaches the API (the gateway). */
    apiBaseUrl: read("API_BASE_URL") || "http://localhost:8080",
    /** The tickets service's PRICE_CAP_PERCENT, shown live in the sell form (the service enforces it). */
    priceCapPercent: Number.parseInt(read("PRICE_CAP_PERCENT"), 10) || 120,
  };
}

/** What the browser needs to know; passed down as props from the root layout. */
export function publicConfig(): PublicConfig {
  const google = read("NEXT_PUBLIC_GOOGLE_SIGNIN").toLowerCase();
  return {
    recaptchaSiteKey: read("NEXT_PUBLIC_RECAPTCHA_SITE_KEY") || null,
    paypalClientId: read("NEXT_PUBLIC_PAYPAL_CLIENT_ID") || null,
    paypalSdkUrl: read("NEXT_PUBLIC_PAYPAL_SDK_URL") || null,
    paypalEmulatorUrl: read("NEXT_PUBLIC_PAYPAL_EMULATOR_URL") || "http://localhost:3009",
    googleSignIn: google === "1" || google === "true" || google === "yes",
  };
}
