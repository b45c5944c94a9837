import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * Tokens in the links we e-mail (verify your address, reset your password, unsubscribe):
 * `<id>.<HMAC-SHA256(key, purpose:id)>`. Auth keeps the row the id names (who, until when,
 * used or not) and checks the signature; notifications, which writes the mail, signs the id
 * it read from the event. The id alone, which travels on the bus, opens nothing.
 */
export type LinkPurpose = "verify-email" | "password-reset" | "unsubscribe";

/**
 * The key for link signatures: `MAIL_LINK_KEY` when set, otherwise derived from `JWT_KEY`
 * (HKDF with its own label, so a link signature is never a session signature). Every service
 * holding `JWT_KEY` can already mint sessions, so a separate key protects nothing more today;
 * set `MAIL_LINK_KEY` in auth and notifications to keep the two apart.
 */
export function mailLinkKey(config: { JWT_KEY: string; MAIL_LINK_KEY?: string }): Buffer {
  if (config.MAIL_LINK_KEY) return Buffer.from(config.MAIL_LINK_KEY);
  return Buffer.from(hkdfSync("sha256", config.JWT_KEY, "", "ticketing mail links v1", 32));
}

const signature = (purpose: LinkPurpose, id: string, key: Buffer) =>
  createHmac("sha256", key).update(`${purpose}:${id}`).digest("base64url");

export function signLinkToken(purpose: LinkPurpose, id: string, key: Buffer): string {
  return `${id}.${signature(purpose, id, key)}`;
}

/** The id the token names, or null when it is malformed or not signed for `purpose` with `key`. */
export function verifyLinkToken(purpose: LinkPurpose, token: unknown, key: Buffer): string | null {
  if (typeof token !== "string" || token.length > 512) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(signature(purpose, id, key));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
