import { type Executor, validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import { sellerSummaries } from "../domain/sellers";

const query = z.object({
  ids: z
    .string({ error: "ids is required: comma-separated user ids" })
    .transform((s) => [
      ...new Set(
        s
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ])
    // One message for the field, not one per id.
    .refine((ids) => ids.length >= 1, { message: "must name at least one user", abort: true })
    .refine((ids) => ids.length <= 100, { message: "must name at most 100 users", abort: true })
    .refine((ids) => ids.every((id) => z.uuid().safeParse(id).success), "must be comma-separated UUIDs"),
});

/**
 * `GET /api/tickets/sellers?ids=…`: what buyers see of sellers next to their listings (name,
 * photo, verified e-mail, member since, tickets sold). Public, like the listings.
 */
export function sellersRouter({ db }: { db: Executor }): Router {
  const router = Router();
  router.get("/api/tickets/sellers", async (req, res) => {
    const { ids } = validate(req, { query }).query;
    res.json({ sellers: await sellerSummaries(db, ids) });
  });
  return router;
}
