import sharp from "sharp";
import { detectImageType, preparePhoto } from "../../src/domain/photos";
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
