import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * Barcode values are secrets (whoever has one can enter the venue): stored as a keyed hash
 * for the "never sold twice" lookup, and encrypted so the buyer's e-ticket can re-draw it.
 * Both keys derive from TICKET_BARCODE_KEY, each for its own purpose.
 */
export class BarcodeSecret {
  private readonly hashKey: Buffer;
  private readonly sealKey: Buffer;

  constructor(secret: string) {
    const derive = (purpose: string) => Buffer.from(hkdfSync("sha256", secret, "ticketing-barcode", purpose, 32));
    this.hashKey = derive("lookup");
    this.sealKey = derive("seal");
  }

  /** Equal barcodes give equal hashes; surrounding spaces do not count. */
  hash(value: string): string {
    return createHmac("sha256", this.hashKey).update(value.trim()).digest("hex");
  }

  seal(value: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.sealKey, iv);
    const sealed = Buffer.concat([cipher.update(value.trim(), "utf8"), cipher.final()]);
    return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString("base64url")).join(".");
  }

  open(sealed: string): string {
    const [iv, tag, data] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
    const decipher = createDecipheriv("aes-256-gcm", this.sealKey, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(data!), decipher.final()]).toString("utf8");
  }
}

/** What the seller is shown: "…4821". */
export const lastFour = (value: string) => value.trim().slice(-4);
