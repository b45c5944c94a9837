import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { ServiceUnavailableError } from "@m-ticketing/common";

// scrypt is memory-hard: each guess costs 128·N·r bytes, which makes GPU and ASIC attacks
// expensive. r = 8, p = 1 are the standard block size and parallelism; N is configurable
// (PASSWORD_SCRYPT_LOG_N) and stored in every hash, so raising it later keeps old hashes
// verifiable and `needsRehash` upgrades them at the next sign-in.
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 64;

interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

// scrypt runs on libuv's small thread pool (4 threads), shared with file and DNS work. A
// flood of sign-ups queued there made one real sign-in wait 29 s; instead, at most
// `hashConcurrency` hashes run at once and any more are refused at once with 503 + Retry-After.
let hashConcurrency = 4;
let hashing = 0;

/** Sets how many password hashes may run at once (PASSWORD_HASH_CONCURRENCY). */
export function limitPasswordHashing(concurrency: number): void {
  hashConcurrency = concurrency;
}

async function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  if (hashing >= hashConcurrency) {
    throw new ServiceUnavailableError("Too many sign-ins at this moment; try again in a second", 1);
  }
  hashing++;
  try {
    return await scryptKey(password, salt, params);
  } finally {
    hashing--;
  }
}

function scryptKey(password: string, salt: Buffer, { logN, r, p }: ScryptParams): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    // maxmem: Node refuses anything above 32 MiB by default; allow what the parameters need.
    scrypt(password.normalize("NFKC"), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$<logN>$<r>$<p>$<salt>$<key>` (base64url), with a fresh random salt per password. */
export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, { logN, r: BLOCK_SIZE, p: PARALLELISM });
  return ["scrypt", logN, BLOCK_SIZE, PARALLELISM, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parse(hash: string): (ScryptParams & { salt: Buffer; key: Buffer }) | null {
  const parts = hash.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16) {
    return null;
  }
  return { logN, r, p, salt: Buffer.from(parts[4]!, "base64url"), key: Buffer.from(parts[5]!, "base64url") };
}

/** Constant-time comparison of the derived key; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parse(hash);
  if (!parsed || parsed.key.length === 0) return false;
  const key = await derive(password, parsed.salt, parsed);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with weaker parameters than the current ones. */
export function needsRehash(hash: string, logN: number): boolean {
  const parsed = parse(hash);
  return !parsed || parsed.logN < logN || parsed.r !== BLOCK_SIZE || parsed.p !== PARALLELISM;
}

const dummyHashes = new Map<number, Promise<string>>();

/**
 * Burns the same time as checking a real password, for unknown emails and accounts without
 * a password, so response times do not reveal which emails have an account.
 */
export async function verifyAgainstDummy(password: string, logN: number): Promise<false> {
  let dummy = dummyHashes.get(logN);
  if (!dummy) {
    dummy = hashPassword(randomBytes(16).toString("hex"), logN);
    dummyHashes.set(logN, dummy);
  }
  await verifyPassword(password, await dummy);
  return false;
}
