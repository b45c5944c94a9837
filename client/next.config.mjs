// Next.js configuration. The client runs behind the gateway (one origin for pages and
// /api), so no rewrites or CORS are needed here.
import path from "node:path";
import { fileURLToPath } from "node:url";

// npm workspaces hoist node_modules to the repository root: tracing and Turbopack must see it.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Sent with every response, pages and assets alike; the Content-Security-Policy is per request
// (a nonce, and the configured PayPal SDK location): src/proxy.ts.
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Browsers ignore it over plain http (npm start); behind TLS it pins https for two years.
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Docker image runs .next/standalone/server.js.
  output: "standalone",
  outputFileTracingRoot: root,
  turbopack: { root },
  poweredByHeader: false,
  reactStrictMode: true,
  // Type errors are caught by `npm run typecheck` (a separate step of `npm test`); skipping
  // the check here keeps `next build` quick on small machines.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
