import { Router } from "express";
import { notFound, PayPalError } from "../paypal-error";
import type { Webhooks } from "../webhooks";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const webhookView = (base: string, w: { id: string; url: string; eventTypes: string[] }) => ({
  id: w.id,
  url: w.url,
  event_types: w.eventTypes.map((name) => ({ name })),
  links: [{ href: `${base}/v1/notifications/webhooks/${w.id}`, rel: "self", method: "GET" }],
});

/** The signing key's public half, where PAYPAL-CERT-URL points (no access token, like PayPal's cert URL). */
export function certRouter(webhooks: Webhooks): Router {
  const router = Router();
  router.get(new URL(webhooks.certUrl).pathname, (_req, res) => {
    res.type("application/x-pem-file").send(webhooks.publicKeyPem);
  });
  return router;
}

/** Notifications v1: webhooks (create, list, delete), events (show, resend) and the signature check. */
export function notificationsRouter(webhooks: Webhooks, base: string): Router {
  const router = Router();

  router.post("/v1/notifications/webhooks", (req, res) => {
    const body = isObject(req.body) ? req.body : {};
    if (typeof body.url !== "string" || !URL.canParse(body.url)) {
      throw new PayPalError("VALIDATION_ERROR", [
        { field: "url", location: "body", issue: "Invalid URL", description: "Invalid URL" },
      ]);
    }
    const types = Array.isArray(body.event_types) ? body.event_types : [];
    const names = types.map((t) => (isObject(t) && typeof t.name === "string" ? t.name : "")).filter(Boolean);
    if (names.length === 0) {
      throw new PayPalError("VALIDATION_ERROR", [
        {
          field: "event_types",
          location: "body",
          issue: "Required field missing",
          description: "Required field missing",
        },
      ]);
    }
    res.status(201).json(webhookView(base, webhooks.subscribe(body.url, names)));
  });

  router.get("/v1/notifications/webhooks", (_req, res) => {
    res.json({ webhooks: [...webhooks.subscriptions.values()].map((w) => webhookView(base, w)) });
  });

  router.delete("/v1/notifications/webhooks/:id", (req, res) => {
    if (!webhooks.subscriptions.delete(req.params.id)) throw notFound();
    res.status(204).end();
  });

  router.get("/v1/notifications/webhooks-events/:id", (req, res) => {
    const entry = webhooks.events.get(req.params.id);
    if (!entry) throw notFound();
    res.json(entry.event);
  });

  router.post("/v1/notifications/webhooks-events/:id/resend", (req, res) => {
    const event = webhooks.resend(req.params.id);
    if (!event) throw notFound();
    res.status(202).json(event);
  });

  router.post("/v1/notifications/verify-webhook-signature", (req, res) => {
    const body = isObject(req.body) ? req.body : {};
    for (const field of [
      "auth_algo",
      "cert_url",
      "transmission_id",
      "transmission_sig",
      "transmission_time",
      "webhook_id",
      "webhook_event",
    ]) {
      if (body[field] === undefined) {
        throw new PayPalError("VALIDATION_ERROR", [
          { field, location: "body", issue: "Required field missing", description: "Required field missing" },
        ]);
      }
    }
    res.json({ verification_status: webhooks.verify(body) });
  });

  return router;
}
