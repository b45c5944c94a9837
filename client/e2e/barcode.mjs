// Test-side tools for ticket files: an e-ticket PDF with a QR code, as organisers issue them
// (pdfkit + bwip-js), and reading the barcode back from a PDF (pdfjs renders each page,
// zxing-wasm decodes it), independently of the tickets service's own scanner.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import bwipjs from "bwip-js";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import PDFDocument from "pdfkit";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";

const require = createRequire(import.meta.url);
// The installed .wasm: zxing-wasm would otherwise fetch it from a CDN.
prepareZXingModule({
  overrides: { wasmBinary: readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm")).buffer },
  fireImmediately: true,
});
const standardFontDataUrl = `${path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

/** A one-page e-ticket with `barcode` as a QR code and the holder's name on it. */
export async function ticketPdf({ title, barcode, holder }) {
  const qr = await bwipjs.toBuffer({ bcid: "qrcode", text: barcode, scale: 4, backgroundcolor: "FFFFFF" });
  const doc = new PDFDocument({ size: "A4" });
  const chunks = [];
  doc.on("data", (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.fontSize(20).text(`${title} — Admit one`);
  doc.fontSize(12).text(`Ticket holder: ${holder}`);
  doc.image(qr, 72, 200, { width: 220 });
  doc.end();
  return done;
}

/** Every barcode value readable on the PDF's pages. */
export async function barcodesInPdf(bytes) {
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, isEvalSupported: false });
  const pdf = await task.promise;
  const found = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const viewport = page.getViewport({ scale: 2.5 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: context, viewport }).promise;
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const read = await readBarcodes(
      { data: image.data, width: image.width, height: image.height, colorSpace: "srgb" },
      { formats: [], maxNumberOfSymbols: 4 },
    );
    found.push(...read.filter((b) => b.isValid).map((b) => b.text));
  }
  await task.destroy();
  return found;
}
