import { BadRequestError, requireAdmin, requireAuth, uuidField, validate, visibleText } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import express, { Router } from "express";
import { z } from "zod";
import { payments } from "../db/schema";
import {
  addClaimPhoto,
  answerClaim,
  CLAIM_PHOTO_MAX_BYTES,
  type ClaimRow,
  claimWindowOf,
  decideClaim,
  findClaimFor,
  findClaimPhoto,
  flagsOf,
  hasClaimPhoto,
  listClaimsByStatus,
  listClaimsOf,
  openClaim,
  toClaimResponse,
} from "../domain/claims";
import type { PaymentDeps } from "../domain/deps";

const message = visibleText(
  z.string().trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters"),
  {
    multiline: true,
  },
);
const openBody = z.object({
  orderId: uuidField("an order id"),
  reason: z.enum(["not_received", "did_not_work", "not_as_described"], {
    message: "must be not_received, did_not_work or not_as_described",
  }),
  message,
});
const idParams = z.object({ id: uuidField("a claim id") });
const listQuery = z.object({ orderId: uuidField("an order id").optional() });
const adminQuery = z.object({
  status: z.enum(["open", "refunded", "rejected"], { message: "must be open, refunded or rejected" }).default("open"),
});
const decisionBody = z.object({
  decision: z.enum(["refund", "reject"], { message: "must be refund or reject" }),
  note: visibleText(z.string().trim().max(2000, "must be at most 2000 characters"), { multiline: true }).optional(),
});

/**
 * Buyer protection. Buyer: `POST /api/payments/claims`, `GET /api/payments/claims[?orderId]`
 * (with `window` for one order). Buyer, seller or admin: `GET /api/payments/claims/:id`.
 * Seller: `POST /api/payments/claims/:id/answer`. Admin: `GET /api/payments/admin/claims`,
 * `POST /api/payments/admin/claims/:id/decision`.
 */
export function claimsRouter(deps: PaymentDeps, claimWindowSeconds: number): Router {
  const router = Router();
  const paymentStatus = async (claim: ClaimRow) =>
    (await deps.db.select({ status: payments.status }).from(payments).where(eq(payments.id, claim.paymentId)))[0]
      ?.status;
  const full = async (claim: ClaimRow) =>
    toClaimResponse(claim, {
      paymentStatus: await paymentStatus(claim),
      hasPhoto: await hasClaimPhoto(deps.db, claim.id),
    });

  router.post("/api/payments/claims", requireAuth, async (req, res) => {
    const { body } = validate(req, { body: openBody });
    const claim = await openClaim(deps.db, req.currentUser!, body, claimWindowSeconds);
    res.status(201).json({ claim: await full(claim) });
  });

  router.get("/api/payments/claims", requireAuth, async (req, res) => {
    const { query } = validate(req, { query: listQuery });
    const rows = await listClaimsOf(deps.db, req.currentUser!.id, query.orderId);
    const window = query.orderId
      ? await claimWindowOf(deps.db, req.currentUser!.id, query.orderId, claimWindowSeconds)
      : null;
    res.json({
      claims: await Promise.all(rows.map(full)),
      ...(query.orderId
        ? {
            window: window
              ? {
                  until: window.until?.toISOString() ?? null,
                  open: window.notClaimable === null,
                  why: window.notClaimable,
                }
              : null,
          }
        : {}),
    });
  });

  router.get("/api/payments/claims/:id", requireAuth, async (req, res) => {
    const { params } = validate(req, { params: idParams });
    res.json({ claim: await full(await findClaimFor(deps.db, req.currentUser!, params.id)) });
  });

  // The optional photo: the image itself as the body (`Content-Type: image/jpeg` or `image/png`).
  router.put(
    "/api/payments/claims/:id/photo",
    requireAuth,
    express.raw({ type: () => true, limit: CLAIM_PHOTO_MAX_BYTES }),
    async (req, res) => {
      const { params } = validate(req, { params: idParams });
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0) throw new BadRequestError("Send the photo as the request body", "photo");
      await addClaimPhoto(deps.db, req.currentUser!, params.id, bytes);
      res.status(201).json({ claim: await full(await findClaimFor(deps.db, req.currentUser!, params.id)) });
    },
  );

  router.get("/api/payments/claims/:id/photo", requireAuth, async (req, res) => {
    const { params } = validate(req, { params: idParams });
    const photo = await findClaimPhoto(deps.db, req.currentUser!, params.id);
    res
      .set({ "Content-Type": photo.contentType, "Cache-Control": "private, no-store", "Content-Disposition": "inline" })
      .send(photo.bytes);
  });

  router.post("/api/payments/claims/:id/answer", requireAuth, async (req, res) => {
    const { params, body } = validate(req, { params: idParams, body: z.object({ message }) });
    const claim = await answerClaim(deps.db, req.currentUser!, params.id, body.message);
    res.json({ claim: await full(claim) });
  });

  router.get("/api/payments/admin/claims", requireAdmin, async (req, res) => {
    const { query } = validate(req, { query: adminQuery });
    const rows = await listClaimsByStatus(deps.db, query.status);
    res.json({
      claims: await Promise.all(
        rows.map(async (claim) =>
          toClaimResponse(claim, {
            paymentStatus: await paymentStatus(claim),
            sellerFlags: await flagsOf(deps.db, claim.sellerId),
          }),
        ),
      ),
    });
  });

  router.post("/api/payments/admin/claims/:id/decision", requireAdmin, async (req, res) => {
    const { params, body } = validate(req, { params: idParams, body: decisionBody });
    const claim = await decideClaim(deps, req.currentUser!, params.id, body);
    res.json({ claim: await full(claim) });
  });

  return router;
}
