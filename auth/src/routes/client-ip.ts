import type { Request } from "express";

/**
 * The client's address for rate limiting. The shared app trusts the gateway's
 * X-Forwarded-For (`trust proxy`), which the gateway sets from the connection itself.
 */
export function clientIp(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}
