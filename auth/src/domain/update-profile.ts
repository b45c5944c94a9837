import { addToOutbox, createEvent, NotAuthorizedError } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import type { AuthDatabase } from "../db";
import { type UserRow, users } from "../db/schema";
import type { PhotoStore, StoredPhoto } from "../integrations/photo-store";
import { preparePhoto } from "./photos";
import { userSnapshot } from "./user-events";

export interface ProfileChanges {
  name?: string;
  /** null clears the field. */
  jobTitle?: string | null;
  phone?: string | null;
  /** The uploaded file's bytes. */
  photo?: Buffer;
}

/**
 * Applies profile changes. A new photo is prepared and stored first under a fresh key; the
 * row then points to it in one transaction. If that fails the new file is removed and the
 * old photo stays; once it commits the old file is removed. Either way no half-update.
 */
export async function updateProfile(
  db: AuthDatabase,
  photos: PhotoStore,
  userId: string,
  changes: ProfileChanges,
): Promise<UserRow> {
  const stored: StoredPhoto | undefined = changes.photo
    ? await photos.save(userId, await preparePhoto(changes.photo))
    : undefined;
  let previous: Pick<UserRow, "photoStorage" | "photoKey"> | undefined;
  let user: UserRow;
  try {
    user = await db.transaction(async (tx) => {
      const [before] = await tx
        .select({ photoStorage: users.photoStorage, photoKey: users.photoKey })
        .from(users)
        .where(eq(users.id, userId))
        .for("update");
      if (!before) throw new NotAuthorizedError();
      previous = before;
      const [after] = await tx
        .update(users)
        .set({
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.jobTitle !== undefined ? { jobTitle: changes.jobTitle } : {}),
          ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
          ...(stored ? { photoUrl: stored.url, photoStorage: stored.storage, photoKey: stored.key } : {}),
          updatedAt: new Date(),
        })
        .where(eq(users.id, userId))
        .returning();
      // Mail greets people by name (notifications' replica), and buyers see a seller's name and
      // photo (tickets' replica): both follow.
      if (changes.name !== undefined || stored)
        await addToOutbox(tx, createEvent("user.updated", { user: userSnapshot(after!) }));
      return after!;
    });
  } catch (err) {
    if (stored) await photos.remove(stored.key).catch(() => {});
    throw err;
  }
  // A photo kept by the other kind of store (the configuration changed) is left where it is.
  if (stored && previous?.photoKey && previous.photoStorage === photos.kind) {
    await photos.remove(previous.photoKey).catch(() => {});
  }
  return user;
}
