import { createHash, timingSafeEqual } from "node:crypto";
import express from "express";
import multer from "multer";
import sharp from "sharp";
import { listen } from "./http-server";

export interface CloudinaryAsset {
  publicId: string;
  bytes: Buffer;
  format: string;
  width: number;
  height: number;
  version: number;
  /** `image` (photos) or `raw` (any file, e.g. tickets' PDFs). */
  resourceType: string;
  /** Delivery type: `upload` (public URL) or `authenticated` (only through signed URLs). */
  type: string;
}

/**
 * Cloudinary's signed upload API (`POST /v1_1/<cloud>/<image|raw>/upload` and `/destroy`,
 * multipart form; a signed `GET …/download` for authenticated assets) for one cloud and one API key. Like the real service it checks the
 * request signature: SHA-1 over the alphabetically sorted `key=value` parameters joined
 * with `&` (file, api_key, cloud_name and resource_type excluded), followed by the API secret,
 * and a timestamp no older than an hour; it answers errors as `{"error":{"message"}}`.
 */
export class FakeCloudinary {
  readonly assets = new Map<string, CloudinaryAsset>();
  readonly rejected: string[] = [];
  private server?: { url: string; close(): Promise<void> };

  constructor(
    readonly cloudName: string,
    readonly apiKey: string,
    /** The secret the fake expects; change it to simulate a rotated key. */
    public apiSecret: string,
  ) {}

  /** What CLOUDINARY_URL is set to, pointing the SDK here through `upload_prefix`. */
  get cloudinaryUrl(): string {
    return `cloudinary://${this.apiKey}:${this.apiSecret}@${this.cloudName}?upload_prefix=${this.server!.url}`;
  }

  async start(): Promise<void> {
    const app = express();
    const form = multer({ storage: multer.memoryStorage() }).any();

    app.post("/v1_1/:cloud/:resource/:action", form, async (req, res) => {
      const params = { ...(req.body as Record<string, string>) };
      const problem = this.authenticate(String(req.params.cloud), params);
      if (problem) {
        this.rejected.push(problem);
        return void res
          .status(problem.startsWith("Invalid Signature") ? 401 : 400)
          .json({ error: { message: problem } });
      }
      if (req.params.action === "upload") {
        return void res.json(await this.upload(params, req.files, String(req.params.resource)));
      }
      if (req.params.action === "destroy") {
        const existed = this.assets.delete(params.public_id ?? "");
        return void res.json({ result: existed ? "ok" : "not found" });
      }
      res.status(404).json({ error: { message: "Unknown action" } });
    });
    // A signed, expiring download of an asset (the SDK's `utils.private_download_url`).
    app.get("/v1_1/:cloud/:resource/download", (req, res) => {
      const params = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]));
      const problem =
        this.authenticate(String(req.params.cloud), params) ??
        (Number(params.expires_at ?? Number.POSITIVE_INFINITY) < Date.now() / 1000 ? "Expired download link" : null);
      if (problem) {
        this.rejected.push(problem);
        return void res.status(401).json({ error: { message: problem } });
      }
      const asset = this.assets.get(params.public_id ?? "");
      if (!asset || asset.resourceType !== req.params.resource || asset.type !== (params.type ?? "upload")) {
        return void res.status(404).json({ error: { message: "Resource not found" } });
      }
      res.type("application/octet-stream").send(asset.bytes);
    });
    this.server = await listen(app);
  }

  stop = () => this.server?.close() ?? Promise.resolve();

  private authenticate(cloud: string, params: Record<string, string>): string | null {
    if (cloud !== this.cloudName) return `Invalid cloud_name ${cloud}`;
    if (params.api_key !== this.apiKey) return `Unknown API key ${params.api_key}`;
    const timestamp = Number(params.timestamp);
    if (!timestamp || Math.abs(Date.now() / 1000 - timestamp) > 3600) return "Stale request - reported time is too old";
    const { signature, api_key: _k, file: _f, cloud_name: _c, resource_type: _r, ...signed } = params;
    const toSign = Object.keys(signed)
      .sort()
      .map((key) => `${key}=${signed[key]}`.replace(/&/g, "%26"))
      .join("&");
    const expected = createHash("sha1")
      .update(toSign + this.apiSecret)
      .digest("hex");
    const given = Buffer.from(String(signature ?? ""));
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
      return `Invalid Signature ${signature}. String to sign - '${toSign}'.`;
    }
    return null;
  }

  private async upload(params: Record<string, string>, files: unknown, resourceType: string) {
    const file = (files as Express.Multer.File[] | undefined)?.find((f) => f.fieldname === "file");
    if (!file) return { error: { message: "Missing required parameter - file" } };
    const meta = resourceType === "raw" ? { format: "", width: 0, height: 0 } : await sharp(file.buffer).metadata();
    const publicId = [params.folder, params.public_id].filter(Boolean).join("/");
    const version = Math.floor(Date.now() / 1000);
    const asset = {
      publicId,
      bytes: file.buffer,
      format: meta.format!,
      width: meta.width!,
      height: meta.height!,
      version,
      resourceType,
      type: params.type ?? "upload",
    };
    this.assets.set(publicId, asset);
    const path = `${this.cloudName}/${resourceType}/${asset.type}/v${version}/${publicId}${asset.format ? `.${asset.format}` : ""}`;
    return {
      public_id: publicId,
      version,
      width: asset.width,
      height: asset.height,
      format: asset.format,
      resource_type: resourceType,
      type: asset.type,
      bytes: file.size,
      url: `http://res.cloudinary.com/${path}`,
      secure_url: `https://res.cloudinary.com/${path}`,
    };
  }
}
