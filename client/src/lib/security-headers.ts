// The headers every page is sent with (issue 12, finding 8). The policy is built per request
// from the runtime configuration, because the PayPal SDK's location is configurable.

export interface CspSources {
  /** NEXT_PUBLIC_PAYPAL_SDK_URL when set (its origin is allowed); PayPal's own hosts are always allowed. */
  paypalSdkUrl?: string | null;
  /** `next dev` evaluates code (React refresh): only then is 'unsafe-eval' allowed. */
  development?: boolean;
}

const PAYPAL = ["https://*.paypal.com", "https://*.paypalobjects.com"];
const RECAPTCHA = ["https://www.google.com", "https://www.gstatic.com", "https://recaptcha.google.com"];

function originOf(url: string | null | undefined): string[] {
  if (!url) return [];
  try {
    const { origin } = new URL(url);
    return origin === "null" ? [] : [origin];
  } catch {
    return [];
  }
}

/**
 * Scripts: only those carrying this response's nonce (Next.js puts it on its own) and what
 * they load ('strict-dynamic': the PayPal SDK and reCAPTCHA, which our code inserts).
 * Styles: inline ones are MUI/Emotion's. No framing by anyone (clickjacking of /settings),
 * no plugins, no <base> or form posts elsewhere.
 */
export function contentSecurityPolicy(nonce: string, sources: CspSources = {}): string {
  const thirdParty = [...PAYPAL, ...originOf(sources.paypalSdkUrl)];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...thirdParty,
      ...RECAPTCHA,
      ...(sources.development ? ["'unsafe-eval'"] : []),
    ],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...thirdParty, ...(sources.development ? ["ws:"] : [])],
    "frame-src": [...thirdParty, ...RECAPTCHA],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(" ")}`)
    .join("; ");
}

/** A path whose percent-encoding cannot be decoded (`/tickets/%ZZ`) is the client's mistake. */
export function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
