import { BadRequestError, PayloadTooLargeError, requireAuth, validate } from "@m-ticketing/common";
import { type RequestHandler, Router } from "express";
import multer from "multer";
import { z } from "zod";
import { updateProfile } from "../domain/update-profile";
import { toPublicUser } from "../domain/users";
import type { RouteDeps } from "./deps";
import { jobTitle, name, phone } from "./fields";
import { reissueSessionCookie } from "./session-cookie";

const body = z.object({ name: name.optional(), jobTitle: jobTitle.optional(), phone: phone.optional() });

/**
 * Multipart bodies (a form with a `photo` file) held in memory, bounded: one file of at
 * most `maxBytes`, a few short text fields. Multer's errors become 413/400 naming the field.
 */
function multipart(maxBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 10 * 1024, parts: 11 },
  }).single("photo");
  return (req, res, next) => {
    upload(req, res, (err?: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError) {
        if (err.code === "LIMIT_FILE_SIZE") {
          return next(new PayloadTooLargeError(`Photo must be at most ${maxBytes / (1024 * 1024)} MB`, "photo"));
        }
        if (err.code === "LIMIT_UNEXPECTED_FILE") {
          return next(new BadRequestError("Only one file, named photo, may be uploaded", err.field ?? "photo"));
        }
        return next(new BadRequestError(`Form rejected: ${err.message}`, err.field));
      }
      // Anything else here is the client's malformed body (busboy's parse errors).
      next(new BadRequestError("Malformed multipart/form-data body"));
    });
  };
}

export function profileRouter({ db, session, photos, config }: RouteDeps): Router {
  const router = Router();
  router.patch("/api/users/me", requireAuth, multipart(config.PHOTO_MAX_BYTES), async (req, res) => {
    const changes = validate(req, { body }).body;
    const photo = req.file?.buffer;
    if (changes.name === undefined && changes.jobTitle === undefined && changes.phone === undefined && !photo) {
      throw new BadRequestError("Send at least one of name, jobTitle, phone or photo");
    }
    const before = req.currentUser!;
    const user = await updateProfile(db, photos, before.id, { ...changes, photo });
    // The name travels in the session token (other services show it), so a new name needs a new cookie.
    if (user.name !== before.name) reissueSessionCookie(req, res, session, user);
    res.json({ user: toPublicUser(user) });
  });
  return router;
}
