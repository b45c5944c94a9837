import {
  BadRequestError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
} from "@m-ticketing/common";

// libvips is loaded with the first photo, not at start (~30 MB an idle auth need not hold).
const loadSharp = () => import("sharp").then((m) => m.default);

export type ImageType = "jpeg" | "png" | "webp";

/** The file's type from its first bytes: names and declared content types are the client's word, not proof. */
export function detectImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return "png";
  }
  if (bytes.length >= 12 && bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") {
    return "webp";
  }
  return null;
}

export const PHOTO_MAX_SIDE = 512;
/**
 * A small file can decode to a huge bitmap ("decompression bomb": a 116 kB PNG of 6300×6300
 * cost 0.9 s of CPU and 30 MB per upload). 16 megapixels covers phone photos.
 */
export const PHOTO_MAX_PIXELS = 16_000_000;
/** Decodes running at once; a few more may wait, beyond that the upload is refused with 503. */
const MAX_DECODES = 2;
const MAX_WAITING = 8;
let decoding = 0;
const waiting: Array<() => void> = [];

async function withDecodeSlot<T>(work: () => Promise<T>): Promise<T> {
  if (decoding >= MAX_DECODES) {
    if (waiting.length >= MAX_WAITING) {
      throw new ServiceUnavailableError("Too many photos are being processed; try again in a few seconds", 2);
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    decoding++;
  }
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiting upload, or is freed.
    const next = waiting.shift();
    if (next) next();
    else decoding--;
  }
}

/** How many photo decodes run and wait right now (for tests and diagnostics). */
export const photoDecodes = () => ({ running: decoding, waiting: waiting.length });

/**
 * Turns an upload into the stored photo: a JPEG, PNG or WebP (else 415), turned upright
 * from its EXIF orientation, shrunk to fit 512×512, re-encoded as WebP. Re-encoding
 * also drops metadata such as the GPS position cameras embed.
 */
export async function preparePhoto(upload: Buffer): Promise<Buffer> {
  if (!detectImageType(upload)) {
    throw new UnsupportedMediaTypeError("Photo must be a JPEG, PNG or WebP image", "photo");
  }
  const sharp = await loadSharp();
  // The header alone says how big the bitmap would be: refuse before decoding anything.
  const { width = 0, height = 0 } = await sharp(upload)
    .metadata()
    .catch(() => ({ width: 0, height: 0 }));
  if (width * height > PHOTO_MAX_PIXELS) {
    throw new PayloadTooLargeError("Photo must be at most 16 megapixels (e.g. 4000×4000)", "photo");
  }
  return withDecodeSlot(async () => {
    try {
      return await sharp(upload, { limitInputPixels: PHOTO_MAX_PIXELS })
        .rotate()
        .resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
        .webp({ quality: 85 })
        .toBuffer();
    } catch {
      throw new BadRequestError("Photo could not be read: the image is damaged, incomplete or too large", "photo");
    }
  });
}
