import { NotFoundError } from "@m-ticketing/common";
import { type Request, type Response, Router } from "express";
import { signInWithGoogle } from "../domain/google-sign-in";
import { type GoogleFailure, GoogleSignInError } from "../integrations/google";
import type { RouteDeps } from "./deps";
import { SignedCookieCodec, sameSecret } from "./oauth-state-cookie";
import { setSessionCookie } from "./session-cookie";

const STATE_COOKIE = "google_oauth";
const STATE_PATH = "/api/users/oauth/google";
// Long enough to pick an account on Google's page, short enough that a leaked cookie is soon useless.
const STATE_TTL_SECONDS = 10 * 60;

interface PendingSignIn {
  state: string;
  codeVerifier: string;
  nonce: string;
}

/** `GET /api/users/oauth/google` starts Google sign-in; the callback finishes it (404 both when not configured). */
export function googleOAuthRouter({ db, session, google, logger }: RouteDeps): Router {
  const codec = new SignedCookieCodec<PendingSignIn>(session.jwtKey, "google-oauth-state");
  // SameSite=Lax: Google's redirect back is a top-level GET navigation, which Lax cookies accompany.
  const cookieOptions = { httpOnly: true, sameSite: "lax" as const, secure: session.secureCookie, path: STATE_PATH };

  const fail = (res: Response, reason: GoogleFailure) => {
    res.redirect(303, `/auth/signin?error=${reason}`);
  };

  const router = Router();
  router.get(STATE_PATH, async (_req, res) => {
    if (!google) throw new NotFoundError("Google sign-in is not configured");
    const { url, ...pending } = await google.authorize();
    res.cookie(STATE_COOKIE, codec.encode(pending, STATE_TTL_SECONDS), {
      ...cookieOptions,
      maxAge: STATE_TTL_SECONDS * 1000,
    });
    res.redirect(302, url);
  });

  router.get(`${STATE_PATH}/callback`, async (req: Request, res) => {
    if (!google) throw new NotFoundError("Google sign-in is not configured");
    // One attempt per cookie: it is cleared whatever happens next.
    const pending = codec.decode(req.cookies?.[STATE_COOKIE]);
    res.clearCookie(STATE_COOKIE, cookieOptions);
    const { code, state, error } = req.query;
    if (typeof error === "string") return fail(res, "google_cancelled");
    if (!pending || typeof state !== "string" || !sameSecret(state, pending.state) || typeof code !== "string") {
      return fail(res, "google_state");
    }
    try {
      const identity = await google.identify(code, pending.codeVerifier, pending.nonce);
      const user = await signInWithGoogle(db, identity, session.jwtKey);
      setSessionCookie(res, session, user);
      res.redirect(303, "/");
    } catch (err) {
      if (!(err instanceof GoogleSignInError)) throw err;
      logger.warn({ reason: err.reason, err: err.message }, "Google sign-in failed");
      fail(res, err.reason);
    }
  });
  return router;
}
