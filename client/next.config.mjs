// Next.js configuration. The client runs behind the gateway (one origin for pages and
// /api), so no rewrites or CORS are needed here.
import path from "node:path";
import { fileURLToPath } from "node:url";

// npm workspaces hoist node_modules to the repository root: tracing and Turbopack must see it.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

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
};

export default nextConfig;
