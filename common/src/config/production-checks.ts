import { createHash } from "node:crypto";

/**
 * SHA-256 of every JWT key that has ever been committed to this repository (examples,
 * compose defaults, test keys). Anyone can read them, so anyone could sign a session with
 * them: production refuses them whatever their length. A test scans the repository for
 * JWT_KEY values and fails when one is missing here.
 */
export const COMMITTED_JWT_KEY_HASHES = new Set([
  "c045f26916e0100969df52b10c23c66d20b60ceafd40721d13d264b32dd9dc3d", // old compose/k8s dev default
  "aacf9117cc8e08368de9dc029bad9cf5150ee949eb2aee34340fa8a130fec0aa", // TEST_JWT_KEY
  "9ca0691322a824b1051d10e7b9fa2860b59bc2fe94ea0ff9c7adc3431290e17d", // auth config test
  "e0f6e0b8e84eb1ac8aad6040924f4a9c825b931994e90fccfd59be046b0d474f", // common config test
  "6f6fd6af163abddc7d2d2657828be6987c6d6364e66511263a85e476b0c99467", // prod secret example placeholder
]);

/** 32 random bytes, however they are written (hex: 64 characters, base64: 43-44). */
export const MIN_JWT_KEY_BITS = 192;
const MIN_JWT_KEY_LENGTH = 32;

/**
 * Estimated entropy of a key: its length times the Shannon entropy of its characters.
 * `openssl rand -hex 32` gives about 245 bits, `openssl rand -base64 32` about 215; a
 * phrase, a repeated pattern or a short key stays well below MIN_JWT_KEY_BITS.
 */
export function estimatedKeyBits(key: string): number {
  const counts = new Map<string, number>();
  for (const char of key) counts.set(char, (counts.get(char) ?? 0) + 1);
  let perChar = 0;
  for (const count of counts.values()) {
    const p = count / key.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * key.length;
}

/** A run of 8 characters that occurs twice: common in phrases and patterns, (practically) never in random keys. */
function hasRepeatedRun(key: string, run = 8): boolean {
  const seen = new Set<string>();
  for (let i = 0; i + run <= key.length; i++) {
    const part = key.slice(i, i + run);
    if (seen.has(part)) return true;
    seen.add(part);
  }
  return false;
}

export const jwtKeyHash = (key: string) => createHash("sha256").update(key).digest("hex");

/** Why `key` cannot sign production sessions, or null when it can. */
export function weakJwtKeyReason(key: string): string | null {
  if (COMMITTED_JWT_KEY_HASHES.has(jwtKeyHash(key))) {
    return "this key is committed in the repository, so anyone can sign sessions with it; generate one with `openssl rand -hex 32`";
  }
  if (key.length < MIN_JWT_KEY_LENGTH || estimatedKeyBits(key) < MIN_JWT_KEY_BITS || hasRepeatedRun(key)) {
    return "too short or too predictable for a session key (needs 32 random bytes); generate one with `openssl rand -hex 32`";
  }
  return null;
}

/**
 * What a deployment refuses although the schema accepts it. Everywhere but in tests: a
 * JWT key committed in the repository (the *.example placeholders included, so a copied
 * example never works). In production also a guessable key and an unauthenticated or
 * plain-text event bus. Only variables the service reads are checked.
 */
export function productionProblems(config: Record<string, unknown>): string[] {
  if (config.NODE_ENV === "test") return [];
  const problems: string[] = [];
  if (typeof config.JWT_KEY === "string" && COMMITTED_JWT_KEY_HASHES.has(jwtKeyHash(config.JWT_KEY))) {
    problems.push(`JWT_KEY is invalid: ${weakJwtKeyReason(config.JWT_KEY)}`);
    return problems;
  }
  if (config.NODE_ENV !== "production") return problems;
  if (typeof config.JWT_KEY === "string") {
    const reason = weakJwtKeyReason(config.JWT_KEY);
    if (reason) problems.push(`JWT_KEY is invalid in production: ${reason}`);
  }
  // Compose and Kubernetes both run NATS with TLS and a user per service: no exception.
  if ("NATS_URL" in config) {
    for (const name of ["NATS_USER", "NATS_PASSWORD"]) {
      if (!config[name])
        problems.push(`${name} is required in production (each service connects as its own NATS user)`);
    }
    if (!config.NATS_TLS_CA) {
      problems.push(
        "NATS_TLS_CA is required in production (the CA of the NATS server's certificate: NATS is reached over TLS only)",
      );
    }
  }
  return problems;
}
