import { requestClientKey } from "@m-ticketing/common";
import type { Request } from "express";

/**
 * The client's key for rate limiting: its address as the shared app determines it (the
 * gateway's X-Forwarded-For only from a trusted proxy, `TRUST_PROXY`), IPv6 by /64.
 */
export function clientIp(req: Request): string {
  return requestClientKey(req);
}
