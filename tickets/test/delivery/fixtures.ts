import { randomUUID } from "node:crypto";
import { inflateSync } from "node:zlib";
import { createEvent } from "@m-ticketing/common";
import bwipjs from "bwip-js";
import PDFDocument from "pdfkit";
import sharp from "sharp";
import request from "supertest";
import { cookieOf, type Harness, orderCreated, ticketWithStatus } from "../helpers";

/** A barcode value nobody else has listed (what a real ticket's barcode is). */
export const uniqueBarcode = () => `TCK-${randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase()}`;

/** A QR code as a PNG, on a transparent background as bwip-js draws it by default. */
export const qrPng = (value: string) => bwipjs.toBuffer({ bcid: "qrcode", text: value, scale: 4 });

export const code128Png = (value: string) =>
  bwipjs.toBuffer({ bcid: "code128", text: value, scale: 3, height: 14, backgroundcolor: "FFFFFF" });

/** An e-ticket as issuers make them: some text and the barcode drawn as an image, on `pages` pages. */
export async function ticketPdf(barcodePng: Buffer | null, pages = 1): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4" });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.fontSize(20).text("Radiohead at the Forum — Admit one");
  if (barcodePng) doc.image(barcodePng, 72, 200, { width: 240 });
  for (let page = 1; page < pages; page++) doc.addPage().text(`Conditions, page ${page + 1}`);
  doc.end();
  return done;
}

/** A picture without any barcode (a screenshot of the wrong thing). */
export const blankPng = (seed = 0) =>
  sharp({ create: { width: 200 + seed, height: 120, channels: 3, background: "#ddeeff" } })
    .png()
    .toBuffer();

/** `POST /api/tickets/:id/file` as `seller`, with an optional typed barcode. */
export function uploadTicketFile(
  h: Harness,
  seller: { id: string },
  ticketId: string,
  bytes: Buffer,
  fields: { barcode?: string; filename?: string } = {},
) {
  const req = request(h.url).post(`/api/tickets/${ticketId}/file`).set("Cookie", cookieOf(seller));
  if (fields.barcode !== undefined) req.field("barcode", fields.barcode);
  return req.attach("file", bytes, fields.filename ?? "ticket.pdf");
}

/** Attaches a fresh QR ticket to a listing and returns its barcode value. */
export async function attachFreshTicket(h: Harness, seller: { id: string }, ticketId: string): Promise<string> {
  const barcode = uniqueBarcode();
  const res = await uploadTicketFile(h, seller, ticketId, await qrPng(barcode), { filename: "ticket.png" });
  if (res.status !== 200) throw new Error(`attaching the ticket failed: ${res.status} ${JSON.stringify(res.body)}`);
  return barcode;
}

/** Someone orders the ticket (orders' `order.created`): it is reserved, not yet paid. */
export async function reserve(h: Harness, ticketId: string): Promise<void> {
  await h.publish(orderCreated(ticketId));
  await ticketWithStatus(h, ticketId, "reserved");
}

/**
 * The text lines of a PDF as pdfkit writes them (standard fonts: each line a `[<hex> kern <hex>] TJ`
 * array in a deflated content stream): enough to read what an e-ticket says.
 */
export function pdfTextLines(pdf: Buffer): string[] {
  const lines: string[] = [];
  const raw = pdf.toString("latin1");
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf("endstream", start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString("latin1");
    } catch {
      continue; // an image or a font, not deflated text
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...(tj[1] ?? "").matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join("");
      lines.push(Buffer.from(hex, "hex").toString("latin1"));
    }
  }
  return lines;
}

/** `order.created` placed by `buyer`, as orders publishes it: the person the ticket is delivered to once paid. */
export const orderPlacedBy = (buyer: { id: string }, ticketId: string, orderId: string = randomUUID()) =>
  createEvent("order.created", {
    id: orderId,
    userId: buyer.id,
    status: "created",
    expiresAt: new Date(Date.now() + 900_000).toISOString(),
    version: 0,
    ticket: { id: ticketId, price: 2050, currency: "USD" },
  });
