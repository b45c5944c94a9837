import { randomBytes } from "node:crypto";
import { BadGatewayError } from "@m-ticketing/common";
import type { Logger } from "pino";
import type { TicketFileStore } from "./ticket-file-store";

type CloudinaryV2 = typeof import("cloudinary").v2;

let loaded: Promise<CloudinaryV2> | undefined;

/** The SDK reads CLOUDINARY_URL (account and `upload_prefix`) once, when first loaded: after our config is parsed. */
const loadSdk = (cloudinaryUrl: string) => {
  process.env.CLOUDINARY_URL = cloudinaryUrl;
  loaded ??= import("cloudinary").then((m) => m.v2);
  return loaded;
};

/** How long a signed download link made for one read stays valid. */
const DOWNLOAD_LINK_SECONDS = 60;

/**
 * Ticket files as Cloudinary `raw` assets of type `authenticated`: they have no public URL;
 * this service reads them back through a short-lived signed download link.
 */
export class CloudinaryTicketFileStore implements TicketFileStore {
  readonly kind = "cloudinary";

  constructor(
    private readonly cloudinaryUrl: string,
    private readonly folder: string,
    private readonly logger: Logger,
  ) {}

  async save(ticketId: string, bytes: Buffer): Promise<string> {
    const cloudinary = await loadSdk(this.cloudinaryUrl);
    const result = await new Promise<{ public_id: string }>((resolve, reject) => {
      cloudinary.uploader
        .upload_stream(
          {
            public_id: `${ticketId}_${randomBytes(8).toString("hex")}`,
            folder: this.folder,
            resource_type: "raw",
            type: "authenticated",
            overwrite: false,
            timeout: 30_000,
            disable_promises: true,
          },
          (error, response) => (error || !response ? reject(error) : resolve(response)),
        )
        .end(bytes);
    }).catch((err: unknown) => {
      this.logger.warn({ err, ticketId }, "Cloudinary upload of a ticket file failed");
      throw new BadGatewayError("The ticket file could not be stored; try again");
    });
    return result.public_id;
  }

  async read(key: string): Promise<Buffer> {
    const cloudinary = await loadSdk(this.cloudinaryUrl);
    const url = cloudinary.utils.private_download_url(key, "", {
      resource_type: "raw",
      type: "authenticated",
      expires_at: Math.floor(Date.now() / 1000) + DOWNLOAD_LINK_SECONDS,
    });
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
    if (!response?.ok) {
      this.logger.warn({ status: response?.status }, "Cloudinary download of a ticket file failed");
      throw new BadGatewayError("The ticket file could not be fetched; try again");
    }
    return Buffer.from(await response.arrayBuffer());
  }

  async remove(key: string): Promise<void> {
    const cloudinary = await loadSdk(this.cloudinaryUrl);
    await cloudinary.uploader
      .destroy(key, { resource_type: "raw", type: "authenticated", invalidate: true })
      .catch((err: unknown) => this.logger.warn({ err }, "Cloudinary could not delete a replaced ticket file"));
  }
}
