import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { sendPayPalError } from "./paypal-error";

/** Access tokens issued by `POST /v1/oauth2/token`, each valid for `ttlSeconds`. */
export class TokenIssuer {
  private readonly tokens = new Map<string, number>();

  constructor(private readonly ttlSeconds: number) {}

  issue(): { token: string; expiresIn: number } {
    const token = `A21AA${randomBytes(30).toString("base64url")}`;
    this.tokens.set(token, Date.now() + this.ttlSeconds * 1000);
    return { token, expiresIn: this.ttlSeconds };
  }

  /** Makes every issued token invalid, as if they had all expired (for tests of token refresh). */
  expireAll(): void {
    this.tokens.clear();
  }

  /** Guards the REST API: a valid, unexpired `Authorization: Bearer` token is required. */
  requireBearer() {
    return (req: Request, res: Response, next: NextFunction) => {
      const match = /^Bearer (.+)$/.exec(req.get("Authorization") ?? "");
      const expiresAt = match ? this.tokens.get(match[1]!) : undefined;
      if (!expiresAt || expiresAt < Date.now()) {
        sendPayPalError(res, "AUTHENTICATION_FAILURE");
        return;
      }
      next();
    };
  }
}
