import sharp from "sharp";

/** A real encoded image of the given size and format. */
export function makeImage(format: "jpeg" | "png" | "webp", width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    [format]()
    .toBuffer();
}

export async function dimensions(image: Buffer | Uint8Array) {
  const { width, height, format } = await sharp(image).metadata();
  return { width, height, format };
}

/** A 1×1 GIF: a genuine image, but not a type we accept. */
export const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
