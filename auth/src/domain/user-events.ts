import type { EventData } from "@m-ticketing/common";
import type { UserRow } from "../db/schema";

/**
 * Who a `user.*` event is about: what notifications keeps to write to the user, and what
 * tickets keeps to show a seller to buyers (member since, verified, photo).
 */
export function userSnapshot(user: UserRow): EventData<"user.created">["user"] {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerified,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    photoUrl: user.photoUrl,
  };
}
