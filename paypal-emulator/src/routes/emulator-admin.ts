import { Router } from "express";
import type { FaultMode, Faults } from "../faults";
import { ITEM_STATUSES, type ItemStatus, itemView, type PayoutStore } from "../payouts";
import { orderFull } from "../representation";
import type { Store } from "../store";
import type { TokenIssuer } from "../tokens";

const MODES: FaultMode[] = ["error", "delay", "hold", "drop-before", "drop-after"];

/**
 * Emulator-only controls (PayPal has none of these, and they need no access token): the
 * buyer's approval without the HTML page, and under `/emulator` fault injection, release
 * of held calls, the log of API calls received and expiry of the issued access tokens.
 */
export function emulatorAdminRouter(
  { store, payouts, faults, tokens }: { store: Store; payouts: PayoutStore; faults: Faults; tokens: TokenIssuer },
  base: string,
): Router {
  const router = Router();
  const isStatus = (value: unknown): value is ItemStatus => ITEM_STATUSES.includes(value as ItemStatus);

  router.post("/v2/checkout/orders/:id/approve", (req, res) => {
    const payer = typeof req.body === "object" && req.body !== null ? req.body : {};
    res.json(orderFull(store.approve(req.params.id, payer), base));
  });

  router.post("/emulator/faults", (req, res) => {
    const spec = req.body ?? {};
    if (!MODES.includes(spec.mode)) {
      res.status(400).json({ error: `mode must be one of ${MODES.join(", ")}` });
      return;
    }
    faults.add(spec);
    res.status(201).json({ ok: true });
  });

  router.delete("/emulator/faults", (_req, res) => {
    faults.clear();
    res.json({ ok: true });
  });

  router.post("/emulator/release", (_req, res) => {
    res.json({ released: faults.release() });
  });

  router.get("/emulator/requests", (_req, res) => {
    res.json({ requests: faults.requests, held: faults.heldCount });
  });

  // Payouts: the outcome of the next items created, in order (else SUCCESS, or the receiver's
  // local part: unclaimed@…, failed@…, pending@…), and later changes of an item's status.
  router.post("/emulator/payouts/next-outcomes", (req, res) => {
    const outcomes = req.body?.outcomes;
    if (!Array.isArray(outcomes) || outcomes.length === 0 || !outcomes.every(isStatus)) {
      res.status(400).json({ error: `outcomes must be a list of ${ITEM_STATUSES.join(", ")}` });
      return;
    }
    payouts.queueOutcomes(outcomes);
    res.status(201).json({ ok: true });
  });

  router.delete("/emulator/payouts/next-outcomes", (_req, res) => {
    payouts.clearOutcomes();
    res.json({ ok: true });
  });

  router.post("/emulator/payouts-item/:id/status", (req, res) => {
    const status = req.body?.transaction_status;
    if (!isStatus(status)) {
      res.status(400).json({ error: `transaction_status must be one of ${ITEM_STATUSES.join(", ")}` });
      return;
    }
    res.json(itemView(payouts.setItemStatus(req.params.id, status), base));
  });

  router.post("/emulator/expire-tokens", (_req, res) => {
    tokens.expireAll();
    res.json({ ok: true });
  });

  return router;
}
