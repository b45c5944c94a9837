import express, { Router } from "express";
import type { TokenIssuer } from "../tokens";

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

/** `POST /v1/oauth2/token`: client-credentials grant with HTTP Basic auth, as PayPal does it. */
export function oauthRouter(credentials: Credentials, tokens: TokenIssuer): Router {
  const router = Router();
  router.post("/v1/oauth2/token", express.urlencoded({ extended: false }), (req, res) => {
    const match = /^Basic (.+)$/.exec(req.get("Authorization") ?? "");
    const [id, ...rest] = match ? Buffer.from(match[1]!, "base64").toString("utf8").split(":") : [];
    if (id !== credentials.clientId || rest.join(":") !== credentials.clientSecret) {
      res.status(401).json({ error: "invalid_client", error_description: "Client Authentication failed" });
      return;
    }
    const grant = (req.body as Record<string, unknown> | undefined)?.grant_type;
    if (grant !== "client_credentials") {
      res.status(400).json({
        error: "unsupported_grant_type",
        error_description: grant ? `Grant Type ${String(grant)} is not supported` : "Grant Type is NULL",
      });
      return;
    }
    const { token, expiresIn } = tokens.issue();
    res.json({
      scope: "https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/refund",
      access_token: token,
      token_type: "Bearer",
      app_id: "APP-EMULATOR",
      expires_in: expiresIn,
      nonce: `${new Date().toISOString()}${token.slice(-8)}`,
    });
  });
  return router;
}
