import { Router } from "express";
import type { FaultMode, Faults } from "../faults";
import { paypalId } from "../ids";
import { ITEM_STATUSES, type ItemStatus, itemView, type PayoutStore } from "../payouts";
import { invalidRequest } from "../paypal-error";
import { orderFull, refundView } from "../representation";
import type { Store } from "../store";
import type { TokenIssuer } from "../tokens";
import type { Webhooks } from "../webhooks";

const MODES: FaultMode[] = ["error", "delay", "hold", "drop-before", "drop-after"];

/**
 * Emulator-only controls (PayPal has none of these, and they need no access token): the
 * buyer's approval without the HTML page, and under `/emulator` fault injection, release
 * of held calls, the log of API calls received and expiry of the issued access tokens.
 */
export function emulatorAdminRouter(
  {
    store,
    payouts,
    webhooks,
    faults,
    tokens,
  }: { store: Store; payouts: PayoutStore; webhooks: Webhooks; faults: Faults; tokens: TokenIssuer },
  base: string,
): Router {
  const router = Router();
  const isStatus = (value: unknown): value is ItemStatus => ITEM_STATUSES.includes(value as ItemStatus);
  const disputes = new Map<string, Record<string, unknown>>();

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

  // What happens at PayPal without the merchant: the buyer is refunded by PayPal, a chargeback
  // reverses the capture, the buyer opens a dispute. Each sends its webhook.
  const amountOf = (body: unknown) => {
    const amount = (body as { amount?: { currency_code?: unknown; value?: unknown } } | undefined)?.amount;
    if (amount === undefined) return undefined;
    if (typeof amount.value !== "string" || !/^\d+(\.\d{1,2})?$/.test(amount.value)) {
      throw invalidRequest("INVALID_PARAMETER_SYNTAX", "/amount/value", "The value is not an amount.");
    }
    return { currency_code: String(amount.currency_code ?? "USD"), value: amount.value };
  };

  router.post("/emulator/captures/:id/refund", (req, res) => {
    const refund = store.refund(req.params.id, amountOf(req.body), "Refunded by PayPal");
    const view = refundView(refund, base, true);
    const event = webhooks.emit("PAYMENT.CAPTURE.REFUNDED", "refund", view, "A capture was refunded");
    res.status(201).json({ refund: view, event_id: event.id });
  });

  router.post("/emulator/captures/:id/reverse", (req, res) => {
    const refund = store.refund(req.params.id, undefined, "Payment reversed");
    const view = refundView(refund, base, true);
    const event = webhooks.emit("PAYMENT.CAPTURE.REVERSED", "refund", view, "A capture was reversed");
    res.status(201).json({ refund: view, event_id: event.id });
  });

  router.post("/emulator/captures/:id/dispute", (req, res) => {
    const capture = store.getCapture(req.params.id);
    const reason = typeof req.body?.reason === "string" ? req.body.reason : "MERCHANDISE_OR_SERVICE_NOT_RECEIVED";
    const time = new Date().toISOString();
    const id = `PP-D-${paypalId(5)}`;
    const dispute = {
      dispute_id: id,
      create_time: time,
      update_time: time,
      disputed_transactions: [
        { seller_transaction_id: capture.id, custom: capture.customId, gross_amount: capture.amount },
      ],
      reason,
      status: "OPEN",
      dispute_amount: capture.amount,
      dispute_life_cycle_stage: "INQUIRY",
      dispute_channel: "INTERNAL",
      links: [{ href: `${base}/v1/customer/disputes/${id}`, rel: "self", method: "GET" }],
    };
    disputes.set(id, dispute);
    const event = webhooks.emit("CUSTOMER.DISPUTE.CREATED", "dispute", dispute, "A new dispute opened");
    res.status(201).json({ dispute, event_id: event.id });
  });

  // PayPal closes the dispute: `{outcome: "RESOLVED_SELLER_FAVOUR" | "RESOLVED_BUYER_FAVOUR"}`.
  router.post("/emulator/disputes/:id/resolve", (req, res) => {
    const dispute = disputes.get(req.params.id);
    if (!dispute) {
      res.status(404).json({ error: "no such dispute" });
      return;
    }
    const outcome = req.body?.outcome;
    if (outcome !== "RESOLVED_SELLER_FAVOUR" && outcome !== "RESOLVED_BUYER_FAVOUR") {
      res.status(400).json({ error: "outcome must be RESOLVED_SELLER_FAVOUR or RESOLVED_BUYER_FAVOUR" });
      return;
    }
    const resolved = {
      ...dispute,
      status: "RESOLVED",
      update_time: new Date().toISOString(),
      dispute_outcome: { outcome_code: outcome },
    };
    disputes.set(req.params.id, resolved);
    const event = webhooks.emit("CUSTOMER.DISPUTE.RESOLVED", "dispute", resolved, "A dispute was resolved");
    res.json({ dispute: resolved, event_id: event.id });
  });

  router.get("/emulator/webhooks", (_req, res) => {
    res.json({ events: [...webhooks.events.values()] });
  });

  router.post("/emulator/expire-tokens", (_req, res) => {
    tokens.expireAll();
    res.json({ ok: true });
  });

  return router;
}
