import { createSign, createVerify, generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { crc32 } from "node:zlib";
import { paypalId } from "./ids";

export interface WebhookEvent {
  id: string;
  event_version: "1.0";
  create_time: string;
  resource_type: string;
  resource_version?: string;
  event_type: string;
  summary: string;
  resource: unknown;
  links: Array<{ href: string; rel: string; method: string }>;
}

export interface Subscription {
  id: string;
  url: string;
  /** `*` = every event type, as PayPal's `event_types: [{name: "*"}]`. */
  eventTypes: string[];
}

export interface Delivery {
  webhookId: string;
  transmissionId: string;
  status?: number;
  error?: string;
  at: string;
}

export interface SignatureCheck {
  auth_algo?: unknown;
  cert_url?: unknown;
  transmission_id?: unknown;
  transmission_sig?: unknown;
  transmission_time?: unknown;
  webhook_id?: unknown;
  webhook_event?: unknown;
}

/** Re-deliveries of a webhook that was not answered 2xx (PayPal retries for 3 days; the emulator twice). */
const RETRY_DELAYS_MS = [2000, 10000];

/**
 * PayPal's webhooks: subscriptions (a URL per webhook id), events, signed deliveries and
 * the check PayPal offers its merchants (`verify-webhook-signature`). Each delivery is a
 * POST of the event's JSON with PAYPAL-TRANSMISSION-ID, -TIME, -SIG, PAYPAL-CERT-URL and
 * PAYPAL-AUTH-ALGO; the signature is SHA256withRSA over
 * `<transmission id>|<transmission time>|<webhook id>|<CRC32 of the body, decimal>`, PayPal's
 * scheme, with a key made at start-up whose public half the cert URL serves.
 */
export class Webhooks {
  readonly subscriptions = new Map<string, Subscription>();
  readonly events = new Map<string, { event: WebhookEvent; deliveries: Delivery[] }>();
  readonly certUrl: string;
  private readonly keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly base: string,
    initial?: { url?: string; id?: string },
  ) {
    this.certUrl = `${base}/v1/notifications/certs/CERT-360caa42-${randomBytes(4).toString("hex")}`;
    if (initial?.url) this.subscribe(initial.url, ["*"], initial.id);
  }

  get publicKeyPem(): string {
    return this.keys.publicKey.export({ type: "spki", format: "pem" }).toString();
  }

  subscribe(url: string, eventTypes: string[], id = paypalId(17)): Subscription {
    const subscription = { id, url, eventTypes };
    this.subscriptions.set(id, subscription);
    return subscription;
  }

  /** Records an event and delivers it to every subscription that wants its type. */
  emit(eventType: string, resourceType: string, resource: unknown, summary: string): WebhookEvent {
    const id = `WH-${paypalId(17)}-${paypalId(17)}`;
    const event: WebhookEvent = {
      id,
      event_version: "1.0",
      create_time: new Date().toISOString(),
      resource_type: resourceType,
      resource_version: "2.0",
      event_type: eventType,
      summary,
      resource,
      links: [
        { href: `${this.base}/v1/notifications/webhooks-events/${id}`, rel: "self", method: "GET" },
        { href: `${this.base}/v1/notifications/webhooks-events/${id}/resend`, rel: "resend", method: "POST" },
      ],
    };
    this.events.set(id, { event, deliveries: [] });
    this.deliverAll(event);
    return event;
  }

  /** Sends an event again to its subscriptions (PayPal's resend), with new transmission ids. */
  resend(eventId: string): WebhookEvent | undefined {
    const entry = this.events.get(eventId);
    if (entry) this.deliverAll(entry.event);
    return entry?.event;
  }

  /** Resolves once every delivery started so far has been answered or has failed (for tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The headers PayPal sends with `body` to the webhook `webhookId`. */
  sign(body: string, webhookId: string, transmissionId = randomUUID(), time = new Date().toISOString()) {
    const signer = createSign("sha256");
    signer.update(`${transmissionId}|${time}|${webhookId}|${crc32(body)}`);
    return {
      "PAYPAL-TRANSMISSION-ID": transmissionId,
      "PAYPAL-TRANSMISSION-TIME": time,
      "PAYPAL-TRANSMISSION-SIG": signer.sign(this.keys.privateKey, "base64"),
      "PAYPAL-CERT-URL": this.certUrl,
      "PAYPAL-AUTH-ALGO": "SHA256withRSA",
    };
  }

  /** `POST /v1/notifications/verify-webhook-signature`: SUCCESS only for what this emulator signed, unchanged. */
  verify(check: SignatureCheck): "SUCCESS" | "FAILURE" {
    const { auth_algo, cert_url, transmission_id, transmission_sig, transmission_time, webhook_id, webhook_event } =
      check;
    if (auth_algo !== "SHA256withRSA" || cert_url !== this.certUrl) return "FAILURE";
    if (typeof webhook_id !== "string" || !this.subscriptions.has(webhook_id)) return "FAILURE";
    if (typeof transmission_id !== "string" || typeof transmission_time !== "string") return "FAILURE";
    if (typeof transmission_sig !== "string" || webhook_event === undefined) return "FAILURE";
    const verifier = createVerify("sha256");
    verifier.update(`${transmission_id}|${transmission_time}|${webhook_id}|${crc32(JSON.stringify(webhook_event))}`);
    try {
      return verifier.verify(this.keys.publicKey, transmission_sig, "base64") ? "SUCCESS" : "FAILURE";
    } catch {
      return "FAILURE";
    }
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private deliverAll(event: WebhookEvent): void {
    for (const subscription of this.subscriptions.values()) {
      if (subscription.eventTypes.includes("*") || subscription.eventTypes.includes(event.event_type)) {
        this.track(this.deliver(event, subscription, 0));
      }
    }
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(event: WebhookEvent, subscription: Subscription, attempt: number): Promise<void> {
    const body = JSON.stringify(event);
    const headers = this.sign(body, subscription.id);
    const record: Delivery = {
      webhookId: subscription.id,
      transmissionId: headers["PAYPAL-TRANSMISSION-ID"],
      at: headers["PAYPAL-TRANSMISSION-TIME"],
    };
    this.events.get(event.id)?.deliveries.push(record);
    try {
      const res = await fetch(subscription.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body,
        signal: AbortSignal.timeout(10000),
      });
      record.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return;
    } catch (err) {
      record.error = (err as Error).message;
    }
    const delay = RETRY_DELAYS_MS[attempt];
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(this.deliver(event, subscription, attempt + 1));
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}
