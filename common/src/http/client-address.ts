import type { Request } from "express";
import ipaddr from "ipaddr.js";

/**
 * Express's `trust proxy` from `TRUST_PROXY`: a number of hops (`1`: the address the
 * nearest proxy appended to X-Forwarded-For) or a comma-separated list of proxy addresses,
 * subnets or the names `loopback`, `linklocal`, `uniquelocal`. The default, `loopback`,
 * trusts exactly the `npm start` gateway; in compose and Kubernetes the gateway reaches the
 * services over a private network (`uniquelocal`). A client that reaches a service port
 * directly, from an address not in the list, is identified by its own address whatever
 * X-Forwarded-For it sends.
 */
export function trustProxySetting(value: string): number | string[] {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * The key per-client limits count under: the client's IPv4 address, or the /64 network of
 * an IPv6 one (a single subscriber is usually given a whole /64, so counting single IPv6
 * addresses would let one client rotate through 2^64 of them).
 */
export function clientKey(address: string | undefined): string {
  if (!address || !ipaddr.isValid(address)) return address || "unknown";
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(":")}::/64`;
}

/** `clientKey` of the request's client (Express's `req.ip`, which honours `trust proxy`). */
export function requestClientKey(req: Request): string {
  return clientKey(req.ip ?? req.socket.remoteAddress);
}
