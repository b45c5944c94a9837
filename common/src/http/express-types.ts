import type { CurrentUser } from "../sessions/session-token";

declare global {
  namespace Express {
    interface Request {
      /** Set by `currentUser` when a valid, unrevoked session cookie came with the request. */
      currentUser?: CurrentUser;
    }
  }
}
