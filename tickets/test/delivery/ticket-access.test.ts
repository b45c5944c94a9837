import { randomUUID } from "node:crypto";
import { captureLogs, eventually, sessionCookie } from "@m-ticketing/common/testing";
import { eq } from "drizzle-orm";
import request from "supertest";
import { ticketDownloads } from "../../src/db/schema";
import { BarcodeScanner } from "../../src/delivery/barcode-scanner";
import {
  cookieOf,
  type Harness,
  listTicket,
  newUser,
  orderCompleted,
  startTickets,
  ticketWithStatus,
} from "../helpers";
import { orderPlacedBy, qrPng, ticketPdf, uniqueBarcode, uploadTicketFile } from "./fixtures";

const logs = captureLogs();
let h: Harness;
beforeAll(async () => {
  h = await startTickets({}, { logger: logs.logger });
});
afterAll(() => h.stop());

const download = (ticketId: string, who?: { id: string; name?: string }, what = "file") => {
  const req = request(h.url).get(`/api/tickets/${ticketId}/${what}`);
  return who ? req.set("Cookie", sessionCookie({ name: "Bea Buyer", ...who })) : req;
};

describe("who receives the ticket", () => {
  const seller = newUser();
  const buyer = newUser();
  const stranger = newUser();
  let ticketId: string;
  let barcode: string;
  let replacement: Buffer;
  let orderId: ReturnType<typeof randomUUID>;

  beforeAll(async () => {
    ticketId = (await listTicket(h, seller)).id;
    await uploadTicketFile(h, seller, ticketId, await qrPng(uniqueBarcode())).expect(200);
    // The seller replaces the file before anyone reserves: the buyer must get this one.
    barcode = uniqueBarcode();
    replacement = await ticketPdf(await qrPng(barcode));
    await uploadTicketFile(h, seller, ticketId, replacement).expect(200);
  });

  it("is the seller only, while the ticket is on sale", async () => {
    const res = await download(ticketId, seller).expect(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["cache-control"]).toBe("private, no-store");
    expect(Buffer.compare(res.body as Buffer, replacement)).toBe(0);
    for (const who of [buyer, stranger, undefined]) await download(ticketId, who).expect(404);
  });

  it("is not yet the buyer whose order is only reserved", async () => {
    orderId = randomUUID();
    await h.publish(orderPlacedBy(buyer, ticketId, orderId));
    await ticketWithStatus(h, ticketId, "reserved", orderId);
    await download(ticketId, buyer).expect(404);
    await download(ticketId, buyer, "eticket.pdf").expect(404);
  });

  it("is the buyer once the order is paid: the replaced file and the platform e-ticket with the same barcode", async () => {
    await h.publish(orderCompleted(ticketId, orderId));
    await ticketWithStatus(h, ticketId, "sold", orderId);
    const original = await download(ticketId, buyer).expect(200);
    expect(Buffer.compare(original.body as Buffer, replacement)).toBe(0);

    const eticket = await download(ticketId, buyer, "eticket.pdf").expect(200);
    expect(eticket.headers["content-type"]).toBe("application/pdf");
    const reader = new BarcodeScanner({ maxPages: 2, timeoutMs: 20_000 });
    try {
      const [read] = await reader.scan(eticket.body as Buffer, "application/pdf");
      expect(read?.text).toBe(barcode);
    } finally {
      await reader.close();
    }
    for (const who of [stranger, undefined]) {
      await download(ticketId, who).expect(404);
      await download(ticketId, who, "eticket.pdf").expect(404);
    }
    await download(ticketId, seller, "eticket.pdf").expect(404);
  });

  it("logs every download: who and when", async () => {
    const rows = await h.service.context.database.db
      .select()
      .from(ticketDownloads)
      .where(eq(ticketDownloads.ticketId, ticketId));
    expect(rows.map((r) => [r.userId, r.kind]).sort()).toEqual(
      [
        [buyer.id, "eticket"],
        [buyer.id, "file"],
        [seller.id, "file"],
      ].sort(),
    );
    expect(rows.every((r) => r.downloadedAt instanceof Date)).toBe(true);
  });

  it("never shows the file or the barcode in public responses, events or logs", async () => {
    const responses = await Promise.all([
      request(h.url).get(`/api/tickets/${ticketId}`),
      request(h.url).get("/api/tickets"),
      request(h.url).get("/api/tickets/mine").set("Cookie", cookieOf(seller)),
    ]);
    const outbox = await h.service.context.database.db.execute("select payload from outbox");
    const seen = [...responses.map((r) => r.text), JSON.stringify(outbox.rows), JSON.stringify(logs.lines)];
    await eventually(async () => logs.lines.length > 0);
    for (const text of seen) {
      expect(text).not.toContain(barcode);
      expect(text).not.toContain("ticket_files");
      expect(text).not.toMatch(/storageKey|barcodeHmac|barcodeSealed/);
    }
  });
});
