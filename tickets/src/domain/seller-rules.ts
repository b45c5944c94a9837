import { type CurrentUser, ForbiddenError } from "@m-ticketing/common";

/**
 * Only people who proved they own their e-mail address may list: otherwise anyone could sell
 * under someone else's address, and buyers' questions and sale notices would go to a stranger.
 * The fact comes from the session token (auth puts `emailVerified` in it and re-issues the
 * token when the address is verified), so tickets needs no call and no replica for it.
 */
export function assertMaySell(user: CurrentUser): void {
  if (!user.emailVerified) {
    throw new ForbiddenError("Verify your email address before listing tickets: use the link we e-mailed you");
  }
}
