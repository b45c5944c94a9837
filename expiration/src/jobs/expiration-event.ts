import { createHash } from "node:crypto";
import { createEvent, type EventEnvelope } from "@m-ticketing/common";

/**
 * A name-based (version 5 style) UUID from the order id: every attempt to announce an
 * order's expiry carries the same event id, so JetStream's duplicate window and every
 * consumer's inbox drop a re-publication after a retry or a stalled job.
 */
export function expirationEventId(orderId: string): string {
  const hash = createHash("sha1").update(`expiration.complete/${orderId}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function expirationCompleteEvent(orderId: string): EventEnvelope<"expiration.complete"> {
  return { ...createEvent("expiration.complete", { orderId }), id: expirationEventId(orderId) };
}
