import { BadRequestError, UnsupportedMediaTypeError } from "@m-ticketing/common";
import sharp from "sharp";

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
// A small file can decode to a huge bitmap ("decompression bomb"); 40 megapixels covers any camera photo.
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * Turns an upload into the stored photo: a JPEG, PNG or WebP (else 415), turned upright
 * from its EXIF orientation, shrunk to fit 512×512, re-encoded as WebP. Re-encoding
 * also drops metadata such as the GPS position cameras embed.
 */
export async function preparePhoto(upload: Buffer): Promise<Buffer> {
  if (!detectImageType(upload)) {
    throw new UnsupportedMediaTypeError("Photo must be a JPEG, PNG or WebP image", "photo");
  }
  try {
    return await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer();
  } catch {
    throw new BadRequestError("Photo could not be read: the image is damaged, incomplete or too large", "photo");
  }
}
