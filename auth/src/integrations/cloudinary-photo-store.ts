import { randomBytes } from "node:crypto";
import { BadGatewayError } from "@m-ticketing/common";
import type { Logger } from "pino";
import type { PhotoStore, StoredPhoto } from "./photo-store";

type CloudinaryV2 = typeof import("cloudinary").v2;

interface CloudinaryAccount {
  cloud_name: string;
  api_key: string;
  api_secret: string;
  upload_prefix?: string;
}

/** `cloudinary://key:secret@cloud?upload_prefix=…` as the SDK's options. */
export function parseCloudinaryUrl(url: string): CloudinaryAccount {
  const parsed = new URL(url);
  const uploadPrefix = parsed.searchParams.get("upload_prefix") ?? undefined;
  return {
    cloud_name: parsed.hostname,
    api_key: decodeURIComponent(parsed.username),
    api_secret: decodeURIComponent(parsed.password),
    ...(uploadPrefix ? { upload_prefix: uploadPrefix } : {}),
  };
}

let sdk: Promise<CloudinaryV2> | undefined;

/**
 * The SDK reads CLOUDINARY_URL (and chooses http or https from its `upload_prefix`) once,
 * when it is first loaded; so we load it only after our configuration is parsed, with the
 * variable set from it.
 */
function loadSdk(cloudinaryUrl: string): Promise<CloudinaryV2> {
  if (!sdk) {
    process.env.CLOUDINARY_URL = cloudinaryUrl;
    sdk = import("cloudinary").then((m) => m.v2);
  }
  return sdk;
}

/** Photos on Cloudinary, uploaded with the signed upload API; `url` is Cloudinary's https URL. */
export class CloudinaryPhotoStore implements PhotoStore {
  readonly kind = "cloudinary";
  private readonly account: CloudinaryAccount;

  constructor(
    private readonly cloudinaryUrl: string,
    private readonly folder: string,
    private readonly logger: Logger,
  ) {
    this.account = parseCloudinaryUrl(cloudinaryUrl);
  }

  async save(userId: string, webp: Buffer): Promise<StoredPhoto> {
    const cloudinary = await loadSdk(this.cloudinaryUrl);
    const publicId = `${userId}_${randomBytes(6).toString("hex")}`;
    const result = await new Promise<{ public_id: string; secure_url: string }>((resolve, reject) => {
      const stream = cloudinary.uploader.upload_stream(
        {
          ...this.account,
          public_id: publicId,
          folder: this.folder,
          resource_type: "image",
          overwrite: false,
          timeout: 30_000,
          // We use the callback; the SDK's own promise would otherwise reject unobserved.
          disable_promises: true,
        },
        (error, response) => (error || !response ? reject(error) : resolve(response)),
      );
      stream.end(webp);
    }).catch((err) => {
      this.logger.warn({ err }, "Cloudinary upload failed");
      throw new BadGatewayError("The photo could not be stored; try again");
    });
    return { storage: "cloudinary", key: result.public_id, url: result.secure_url };
  }

  async remove(key: string): Promise<void> {
    const cloudinary = await loadSdk(this.cloudinaryUrl);
    await cloudinary.uploader
      .destroy(key, { ...this.account, resource_type: "image", invalidate: true })
      .catch((err: unknown) => this.logger.warn({ err, key }, "Cloudinary could not delete an old photo"));
  }
}
