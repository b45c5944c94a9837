import { BadRequestError, type Executor, requireAuth, validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import { getPreferences, setPreferences, unsubscribe } from "../domain/preferences";

const preferencesInput = z
  .strictObject({ alerts: z.boolean().optional(), reminders: z.boolean().optional() })
  .refine((v) => v.alerts !== undefined || v.reminders !== undefined, {
    message: "Give alerts or reminders (true or false)",
  });

/**
 * `/api/notifications`: the settings page's preferences, and the one-click unsubscribe of RFC
 * 8058 (mail clients POST to the `List-Unsubscribe` address; the token in it is the proof).
 */
export function preferencesRouter({ db, linkKey, publicUrl }: { db: Executor; linkKey: Buffer; publicUrl: string }) {
  const router = Router();

  router.get("/api/notifications/preferences", requireAuth, async (req, res) => {
    res.json({ preferences: await getPreferences(db, req.currentUser!.id) });
  });

  router.put("/api/notifications/preferences", requireAuth, async (req, res) => {
    const { body } = validate(req, { body: preferencesInput });
    res.json({ preferences: await setPreferences(db, req.currentUser!.id, body) });
  });

  router.post("/api/notifications/unsubscribe", async (req, res) => {
    const token = req.query.token ?? (req.body as { token?: unknown } | undefined)?.token;
    const done = await unsubscribe(db, token, linkKey);
    if (!done) throw new BadRequestError("This unsubscribe link is not valid", "token");
    res.json({ unsubscribed: done.category });
  });

  // A person who opens the List-Unsubscribe address gets the page that asks before acting
  // (link scanners that follow every GET must not unsubscribe anyone).
  router.get("/api/notifications/unsubscribe", (req, res) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    res.redirect(303, `${publicUrl}/notifications/unsubscribe?token=${encodeURIComponent(token)}`);
  });

  return router;
}
