import { randomBytes } from "node:crypto";
import { CodeChallengeMethod, OAuth2Client, type TokenPayload } from "google-auth-library";
import type { AuthConfig } from "../config";

/** Why a Google sign-in failed; sent to the sign-in page as `?error=<reason>`. */
export type GoogleFailure =
  | "google_cancelled" // the user declined on Google's consent page
  | "google_state" // missing, expired or mismatched state cookie (CSRF or a stale tab)
  | "google_unavailable" // the code exchange with Google failed
  | "google_token" // the ID token failed verification (signature, audience, issuer, expiry, nonce)
  | "google_email_unverified" // Google has not verified the account's email
  | "google_account_conflict"; // the email belongs to an account linked to another Google account

export class GoogleSignInError extends Error {
  constructor(
    readonly reason: GoogleFailure,
    message: string,
  ) {
    super(message);
    this.name = "GoogleSignInError";
  }
}

/** Who Google says signed in, after the ID token was verified. */
export interface GoogleIdentity {
  sub: string;
  email: string;
  name: string;
}

/** What the browser must bring back to the callback (kept in a short-lived signed cookie). */
export interface GoogleAuthorization {
  url: string;
  state: string;
  codeVerifier: string;
  nonce: string;
}

/**
 * Google sign-in with the authorization-code flow, PKCE (S256), `state` and `nonce`, on
 * google-auth-library. Every Google endpoint comes from the configuration so tests can
 * point it at a local fake Google.
 */
export class GoogleSignIn {
  private readonly client: OAuth2Client;

  constructor(private readonly config: AuthConfig & { GOOGLE_CLIENT_ID: string; GOOGLE_CLIENT_SECRET: string }) {
    this.client = new OAuth2Client({
      clientId: config.GOOGLE_CLIENT_ID,
      clientSecret: config.GOOGLE_CLIENT_SECRET,
      redirectUri: config.googleRedirectUri,
      endpoints: {
        oauth2AuthBaseUrl: config.GOOGLE_AUTH_URL,
        oauth2TokenUrl: config.GOOGLE_TOKEN_URL,
        // On Node the library verifies with PEM keys, so only this certificates URL is used.
        oauth2FederatedSignonPemCertsUrl: config.GOOGLE_CERTS_URL,
      },
      issuers: config.GOOGLE_ISSUERS.split(",").map((s) => s.trim()),
      transporterOptions: {
        // A Google that does not answer must not hold the browser (and a socket) forever.
        timeout: 10_000,
        // Node's own fetch. Left alone, gaxios dynamic-imports node-fetch, which also fails in Jest's VM.
        fetchImplementation: fetch,
      },
    });
  }

  async authorize(): Promise<GoogleAuthorization> {
    const { codeVerifier, codeChallenge } = await this.client.generateCodeVerifierAsync();
    const state = randomBytes(32).toString("base64url");
    const nonce = randomBytes(32).toString("base64url");
    const url = this.client.generateAuthUrl({
      scope: ["openid", "email", "profile"],
      state,
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
      prompt: "select_account",
      // Not in the library's option type, but passed through to the query string as OpenID Connect requires.
      ...({ nonce } as object),
    });
    return { url, state, codeVerifier: codeVerifier!, nonce };
  }

  /** Exchanges the code (with the PKCE verifier) and verifies the ID token it returns. */
  async identify(code: string, codeVerifier: string, nonce: string): Promise<GoogleIdentity> {
    let idToken: string | null | undefined;
    try {
      ({
        tokens: { id_token: idToken },
      } = await this.client.getToken({ code, codeVerifier, redirect_uri: this.config.googleRedirectUri }));
    } catch (err) {
      throw new GoogleSignInError("google_unavailable", `token exchange failed: ${(err as Error).message}`);
    }
    if (!idToken) throw new GoogleSignInError("google_unavailable", "the token response has no id_token");

    let payload: TokenPayload | undefined;
    try {
      // Checks the signature against Google's keys, the audience (our client id), issuer and expiry.
      const ticket = await this.client.verifyIdToken({ idToken, audience: this.config.GOOGLE_CLIENT_ID });
      payload = ticket.getPayload();
    } catch (err) {
      throw new GoogleSignInError("google_token", `ID token rejected: ${(err as Error).message}`);
    }
    if (!payload || payload.nonce !== nonce) {
      throw new GoogleSignInError("google_token", "ID token nonce does not match this sign-in");
    }
    if (!payload.sub || !payload.email) throw new GoogleSignInError("google_token", "ID token lacks sub or email");
    if (payload.email_verified !== true) {
      throw new GoogleSignInError("google_email_unverified", "Google has not verified this email");
    }
    const name = (payload.name ?? payload.given_name ?? payload.email.split("@")[0] ?? "").trim().slice(0, 80);
    return { sub: payload.sub, email: payload.email, name: name || "Google user" };
  }
}
