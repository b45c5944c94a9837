import express, { Router } from "express";
import type { Store } from "../store";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – PayPal emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#222}
.amount{font-size:2rem;font-weight:600}button{font-size:1rem;padding:.6rem 1.4rem;margin:.3rem .3rem 0 0;border-radius:1.5rem;border:0;cursor:pointer}
.approve{background:#ffc439}.cancel{background:#eee}.note{color:#666;font-size:.85rem;margin-top:2rem}</style></head>
<body><h1>PayPal emulator</h1>${body}
<p class="note">A local stand-in for PayPal's buyer approval, for development and tests. No money moves.</p></body></html>`;
}

/** Appends PayPal's `token` and `PayerID` query parameters to the merchant's return URL. */
function withParams(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return target.toString();
}

/**
 * The buyer's side: `GET /checkoutnow?token=<order id>` shows the order with Approve and
 * Cancel buttons; approving sends the buyer to the order's `return_url` (with `token` and
 * `PayerID`), cancelling to its `cancel_url`, as PayPal's hosted checkout does.
 */
export function checkoutPageRouter(store: Store): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false });

  router.get("/checkoutnow", (req, res) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const order = store.orders.get(token);
    if (!order) {
      res.status(404).type("html").send(page("Unknown order", "<p>This checkout link is not valid.</p>"));
      return;
    }
    const { value, currency_code: currency } = order.unit.amount;
    const done = order.status === "APPROVED" || order.status === "COMPLETED";
    res.type("html").send(
      page(
        "Approve payment",
        `<p>${escapeHtml(order.unit.description ?? "Your purchase")}</p>
<p class="amount">${escapeHtml(value)} ${escapeHtml(currency)}</p>
${
  done
    ? `<p>This payment was already approved (${escapeHtml(order.status)}).</p>`
    : `<form method="post" action="/checkoutnow/approve"><input type="hidden" name="token" value="${escapeHtml(order.id)}">
<button class="approve" type="submit">Approve</button></form>
<form method="post" action="/checkoutnow/cancel"><input type="hidden" name="token" value="${escapeHtml(order.id)}">
<button class="cancel" type="submit">Cancel and return</button></form>`
}`,
      ),
    );
  });

  router.post("/checkoutnow/approve", form, (req, res) => {
    const token = String(req.body?.token ?? "");
    const order = store.approve(token);
    if (order.returnUrl) {
      res.redirect(303, withParams(order.returnUrl, { token: order.id, PayerID: order.payer!.payer_id }));
      return;
    }
    res.type("html").send(page("Approved", "<p>Payment approved. You can return to the shop.</p>"));
  });

  router.post("/checkoutnow/cancel", form, (req, res) => {
    const order = store.getOrder(String(req.body?.token ?? ""));
    if (order.cancelUrl) {
      res.redirect(303, withParams(order.cancelUrl, { token: order.id }));
      return;
    }
    res.type("html").send(page("Cancelled", "<p>Payment cancelled. You can return to the shop.</p>"));
  });

  return router;
}
