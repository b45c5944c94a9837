import zlib from "node:zlib";
import { PayloadTooLargeError, ServiceUnavailableError } from "@m-ticketing/common";
import sharp from "sharp";
import { detectImageType, photoDecodes, preparePhoto } from "../../src/domain/photos";
import { dimensions, GIF, makeImage } from "../helpers/images";

test("recognises JPEG, PNG and WebP by their first bytes", async () => {
  expect(detectImageType(await makeImage("jpeg", 4, 4))).toBe("jpeg");
  expect(detectImageType(await makeImage("png", 4, 4))).toBe("png");
  expect(detectImageType(await makeImage("webp", 4, 4))).toBe("webp");
});

test("recognises nothing else", () => {
  expect(detectImageType(GIF)).toBeNull();
  expect(detectImageType(Buffer.from("%PDF-1.7"))).toBeNull();
  expect(detectImageType(Buffer.from("RIFF\0\0\0\0WAVE"))).toBeNull();
  expect(detectImageType(Buffer.alloc(0))).toBeNull();
  expect(detectImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
});

test("fits an image into 512×512, keeping its proportions, as WebP", async () => {
  expect(await dimensions(await preparePhoto(await makeImage("png", 1024, 2048)))).toEqual({
    width: 256,
    height: 512,
    format: "webp",
  });
  expect(await dimensions(await preparePhoto(await makeImage("jpeg", 100, 50)))).toEqual({
    width: 100,
    height: 50,
    format: "webp",
  });
});

test("turns a photo upright from its EXIF orientation and drops its metadata", async () => {
  // 200×100 pixels stored with "rotate 90° clockwise" (orientation 6): shown 100×200.
  const rotated = await sharp({ create: { width: 200, height: 100, channels: 3, background: "white" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
  const prepared = await preparePhoto(rotated);
  const meta = await sharp(prepared).metadata();
  expect({ width: meta.width, height: meta.height, orientation: meta.orientation, exif: meta.exif }).toEqual({
    width: 100,
    height: 200,
    orientation: undefined,
    exif: undefined,
  });
});

/** A PNG whose header announces `width`×`height` (no pixel data is needed to be refused). */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.alloc(16))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("issue 12, finding 6: photos cannot be used to burn CPU and memory", () => {
  test("an image over 16 megapixels (a 6300×6300 decompression bomb) is refused from its header: 413 naming photo", async () => {
    const refused = await preparePhoto(pngHeader(6300, 6300)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PayloadTooLargeError);
    expect((refused as PayloadTooLargeError).field).toBe("photo");
    await expect(preparePhoto(pngHeader(4001, 4000))).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  test("at most two photos are decoded at once; a crowd beyond the few that may wait gets 503", async () => {
    const image = await makeImage("png", 1500, 1500);
    let most = 0;
    let sampling = true;
    const sample = () => {
      most = Math.max(most, photoDecodes().running);
      if (sampling) setImmediate(sample);
    };
    sample();
    const results = await Promise.allSettled(Array.from({ length: 14 }, () => preparePhoto(image)));
    sampling = false;
    expect(most).toBe(2);
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ServiceUnavailableError);
    expect(photoDecodes()).toEqual({ running: 0, waiting: 0 });
  });
});
