import { randomBytes } from "node:crypto";
import express from "express";
import { listen } from "./http-server";

export interface SiteverifyRequest {
  secret?: string;
  response?: string;
  remoteip?: string;
}

/**
 * reCAPTCHA's siteverify endpoint as Google documents it: a form POST of `secret`,
 * `response` (the widget's token) and optional `remoteip`, answered with
 * `{"success": bool, "error-codes": [...]}`. Tokens are issued by `solve()` (what a person
 * ticking the box would get) and, like real ones, are valid once.
 */
export class FakeRecaptcha {
  readonly requests: SiteverifyRequest[] = [];
  private readonly tokens = new Set<string>();
  private readonly used = new Set<string>();
  private server?: { url: string; close(): Promise<void> };
  /** When false, siteverify answers 503 (Google unreachable). */
  available = true;

  constructor(readonly secret: string) {}

  get verifyUrl(): string {
    return `${this.server!.url}/recaptcha/api/siteverify`;
  }

  /** A token as the widget hands it to the browser once the challenge is passed. */
  solve(): string {
    const token = `03A${randomBytes(24).toString("base64url")}`;
    this.tokens.add(token);
    return token;
  }

  async start(): Promise<void> {
    const app = express();
    app.post("/recaptcha/api/siteverify", express.urlencoded({ extended: false }), (req, res) => {
      const body = req.body as SiteverifyRequest;
      this.requests.push(body);
      if (!this.available) return void res.status(503).send("Service Unavailable");
      const errors: string[] = [];
      if (!body.secret) errors.push("missing-input-secret");
      else if (body.secret !== this.secret) errors.push("invalid-input-secret");
      if (!body.response) errors.push("missing-input-response");
      else if (this.used.has(body.response)) errors.push("timeout-or-duplicate");
      else if (!this.tokens.has(body.response)) errors.push("invalid-input-response");
      if (errors.length) return void res.json({ success: false, "error-codes": errors });
      this.tokens.delete(body.response!);
      this.used.add(body.response!);
      res.json({ success: true, challenge_ts: new Date().toISOString(), hostname: "localhost" });
    });
    this.server = await listen(app);
  }

  stop = () => this.server?.close() ?? Promise.resolve();
}
