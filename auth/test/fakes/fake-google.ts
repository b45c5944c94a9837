import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import express from "express";
import { listen } from "./http-server";

/** The Google account that "signs in" on the fake consent page. */
export interface GoogleAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  account: GoogleAccount;
}

/**
 * The parts of Google's OpenID Connect provider a web server app talks to:
 * - `GET /o/oauth2/v2/auth`: the consent page; checks client, redirect URI, scope and PKCE
 *   (S256), then "approves" as `account` and redirects back with `code` and `state`;
 * - `POST /token`: exchanges a code once, for the same client (id + secret), redirect URI and
 *   PKCE verifier, answering an RS256 ID token with Google's claims;
 * - `GET /oauth2/v1/certs`: the signing keys as `{kid: PEM}`, the format google-auth-library reads.
 * `tamper` makes the next ID tokens wrong in one way, to show each check holds.
 */
export class FakeGoogle {
  account?: GoogleAccount;
  /** When true the user clicks "Cancel" on the consent page. */
  deny = false;
  tamper: {
    aud?: string;
    iss?: string;
    nonce?: string;
    expiresInSeconds?: number;
    /** Sign with a key Google never published (forged token). */
    foreignKey?: boolean;
  } = {};
  readonly tokenRequests: Array<Record<string, string>> = [];

  private readonly codes = new Map<string, PendingCode>();
  private readonly keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private readonly foreign = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private readonly kid = randomBytes(8).toString("hex");
  private server?: { url: string; close(): Promise<void> };

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    readonly redirectUri: string,
  ) {}

  get url(): string {
    return this.server!.url;
  }

  /** The auth service's variables pointing at this fake. */
  get env(): Record<string, string> {
    return {
      GOOGLE_CLIENT_ID: this.clientId,
      GOOGLE_CLIENT_SECRET: this.clientSecret,
      GOOGLE_AUTH_URL: `${this.url}/o/oauth2/v2/auth`,
      GOOGLE_TOKEN_URL: `${this.url}/token`,
      GOOGLE_CERTS_URL: `${this.url}/oauth2/v1/certs`,
    };
  }

  async start(): Promise<void> {
    const app = express();

    app.get("/o/oauth2/v2/auth", (req, res) => {
      const q = req.query as Record<string, string | undefined>;
      if (q.client_id !== this.clientId) return void res.status(401).send("Error 401: invalid_client");
      if (q.redirect_uri !== this.redirectUri) return void res.status(400).send("Error 400: redirect_uri_mismatch");
      const scopes = (q.scope ?? "").split(" ");
      if (q.response_type !== "code" || !scopes.includes("openid") || !scopes.includes("email")) {
        return void res.status(400).send("Error 400: invalid_request");
      }
      if (!q.code_challenge || q.code_challenge_method !== "S256") {
        return void res.status(400).send("Error 400: invalid_request (PKCE S256 required by this fake)");
      }
      const back = new URL(q.redirect_uri);
      if (q.state) back.searchParams.set("state", q.state);
      if (this.deny || !this.account) {
        back.searchParams.set("error", "access_denied");
        return void res.redirect(302, back.toString());
      }
      const code = `4/${randomBytes(24).toString("base64url")}`;
      this.codes.set(code, {
        clientId: q.client_id,
        redirectUri: q.redirect_uri,
        codeChallenge: q.code_challenge,
        nonce: q.nonce,
        account: this.account,
      });
      back.searchParams.set("code", code);
      back.searchParams.set("scope", "email profile openid");
      res.redirect(302, back.toString());
    });

    app.post("/token", express.urlencoded({ extended: false }), (req, res) => {
      const form = req.body as Record<string, string>;
      this.tokenRequests.push(form);
      const invalid = (error: string, description: string) =>
        void res.status(400).json({ error, error_description: description });
      if (form.client_id !== this.clientId || form.client_secret !== this.clientSecret) {
        return void res.status(401).json({ error: "invalid_client", error_description: "Unauthorized" });
      }
      if (form.grant_type !== "authorization_code") return invalid("unsupported_grant_type", "Invalid grant_type");
      const pending = this.codes.get(form.code ?? "");
      this.codes.delete(form.code ?? ""); // a code is good for one exchange
      if (!pending || pending.clientId !== form.client_id) return invalid("invalid_grant", "Bad Request");
      if (form.redirect_uri !== pending.redirectUri) return invalid("redirect_uri_mismatch", "Bad Request");
      const challenge = createHash("sha256")
        .update(form.code_verifier ?? "")
        .digest("base64url");
      if (challenge !== pending.codeChallenge) return invalid("invalid_grant", "Missing code verifier.");
      res.json({
        access_token: `ya29.${randomBytes(24).toString("base64url")}`,
        expires_in: 3599,
        scope: "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile",
        token_type: "Bearer",
        id_token: this.idToken(pending),
      });
    });

    app.get("/oauth2/v1/certs", (_req, res) => {
      const pem = this.keys.publicKey.export({ type: "spki", format: "pem" }).toString();
      res.set("Cache-Control", "public, max-age=60").json({ [this.kid]: pem });
    });

    this.server = await listen(app);
  }

  stop = () => this.server?.close() ?? Promise.resolve();

  private idToken(pending: PendingCode): string {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (this.tamper.expiresInSeconds ?? 3600);
    const claims = {
      iss: this.tamper.iss ?? "https://accounts.google.com",
      azp: pending.clientId,
      aud: this.tamper.aud ?? pending.clientId,
      sub: pending.account.sub,
      email: pending.account.email,
      email_verified: pending.account.email_verified,
      name: pending.account.name,
      nonce: this.tamper.nonce ?? pending.nonce,
      // Google's ID tokens live an hour.
      iat: Math.min(now, exp - 3600),
      exp,
    };
    return signJwt(claims, this.kid, this.tamper.foreignKey ? this.foreign.privateKey : this.keys.privateKey);
  }
}

function signJwt(claims: object, kid: string, key: KeyObject): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
  const input = `${encode({ alg: "RS256", kid, typ: "JWT" })}.${encode(claims)}`;
  return `${input}.${sign("sha256", Buffer.from(input), key).toString("base64url")}`;
}
