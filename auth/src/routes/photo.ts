import { NotFoundError } from "@m-ticketing/common";
import { Router } from "express";
import { findUserById } from "../domain/users";
import type { LocalPhotoStore } from "../integrations/local-photo-store";
import type { RouteDeps } from "./deps";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Serves photos kept on local disk (Cloudinary serves its own). Public: sellers' photos appear on listings. */
export function photoRouter({ db }: RouteDeps, store: LocalPhotoStore): Router {
  const router = Router();
  router.get("/api/users/:id/photo", async (req, res, next) => {
    const user = await findUserById(db, req.params.id);
    if (!user?.photoKey || user.photoStorage !== "local") throw new NotFoundError("No photo");
    // The current version's URL never changes content; any other version may be stale.
    const current = user.photoUrl?.endsWith(`?v=${String(req.query.v)}`) === true;
    // Photos are public and versioned: the API's default `no-store` does not apply.
    res.removeHeader("Cache-Control");
    res.sendFile(
      store.pathOf(user.photoKey),
      {
        headers: { "Content-Type": "image/webp", "X-Content-Type-Options": "nosniff" },
        maxAge: current ? YEAR_SECONDS * 1000 : 0,
        immutable: current,
        lastModified: false,
        // The path is ours (from the database), never the client's, and PHOTO_DIR may
        // well sit in a dot folder (`.local/photos` under `npm start`).
        dotfiles: "allow",
      },
      (err) => {
        const missing = (err as { code?: string; status?: number } | undefined)?.status === 404;
        if (err) next(missing || (err as { code?: string }).code === "ENOENT" ? new NotFoundError("No photo") : err);
      },
    );
  });
  return router;
}
