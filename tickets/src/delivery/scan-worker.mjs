// Reads barcodes from an uploaded ticket file, in a worker thread: a hostile or huge PDF
// can then only exhaust this thread's bounded heap or be terminated on time-out, never
// stall the service. ESM because pdfjs-dist ships only ES modules.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { createCanvas } from "@napi-rs/canvas";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import sharp from "sharp";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";

const require = createRequire(import.meta.url);
// The .wasm comes from the installed package: zxing-wasm would otherwise fetch it from a CDN.
prepareZXingModule({
  overrides: { wasmBinary: readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm")).buffer },
  fireImmediately: true,
});
const standardFontDataUrl = `${path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

/** Pages are rendered at this many pixels per PDF point, within MAX_SIDE pixels a side. */
const RENDER_SCALE = 2.5;
const MAX_SIDE = 4000;
const MAX_IMAGE_PIXELS = 40_000_000;

class ScanRefusal extends Error {}

async function decode({ data, width, height }) {
  const found = await readBarcodes({ data, width, height, colorSpace: "srgb" }, { formats: [], maxNumberOfSymbols: 4 });
  return found.filter((b) => b.isValid && b.text).map((b) => ({ text: b.text, format: b.format }));
}

async function scanImage(bytes) {
  // Transparent pixels would read as black: flatten onto white first.
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
    .flatten({ background: "#ffffff" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw new ScanRefusal("The image could not be read");
    });
  return decode({
    data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  });
}

async function scanPdf(bytes, maxPages) {
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    standardFontDataUrl,
    verbosity: 0,
  });
  const document = await task.promise.catch(() => {
    throw new ScanRefusal("The PDF could not be read (damaged or password-protected)");
  });
  try {
    if (document.numPages > maxPages) {
      throw new ScanRefusal(`The PDF has ${document.numPages} pages; at most ${maxPages} are accepted`);
    }
    const found = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const natural = page.getViewport({ scale: 1 });
      const scale = Math.min(RENDER_SCALE, MAX_SIDE / natural.width, MAX_SIDE / natural.height);
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas, canvasContext: context, viewport }).promise;
      found.push(...(await decode(context.getImageData(0, 0, canvas.width, canvas.height))));
      page.cleanup();
    }
    return found;
  } finally {
    await task.destroy();
  }
}

parentPort.on("message", async ({ id, bytes, type }) => {
  try {
    const barcodes = type === "application/pdf" ? await scanPdf(bytes, workerData.maxPages) : await scanImage(bytes);
    parentPort.postMessage({ id, barcodes });
  } catch (err) {
    const refused = err instanceof ScanRefusal;
    parentPort.postMessage({ id, refusal: refused ? err.message : "The file could not be read" });
  }
});
