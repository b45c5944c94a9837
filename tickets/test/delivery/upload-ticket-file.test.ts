import request from "supertest";
import { cookieOf, type Harness, listTicket, newUser, startTickets } from "../helpers";
import { blankPng, code128Png, qrPng, reserve, ticketPdf, uniqueBarcode, uploadTicketFile } from "./fixtures";

let h: Harness;
beforeAll(async () => {
  h = await startTickets({ TICKET_FILE_MAX_BYTES: String(200 * 1024), TICKET_PDF_MAX_PAGES: "2" });
});
afterAll(() => h.stop());

describe("reading the barcode", () => {
  it.each([
    ["a PNG with a QR code", "QRCode", (value: string) => qrPng(value)],
    ["a PDF containing a QR code", "QRCode", async (value: string) => ticketPdf(await qrPng(value))],
    ["a PDF with a Code 128 barcode", "Code128", async (value: string) => ticketPdf(await code128Png(value))],
  ])("reads it from %s and shows the seller only its last four characters", async (_name, format, make) => {
    const seller = newUser();
    const ticket = await listTicket(h, seller);
    const barcode = uniqueBarcode();
    const res = await uploadTicketFile(h, seller, ticket.id, await make(barcode)).expect(200);
    expect(res.body.delivery).toMatchObject({ barcodeEnding: barcode.slice(-4), barcodeFormat: format });
    expect(JSON.stringify(res.body)).not.toContain(barcode);
    const shown = await request(h.url).get(`/api/tickets/${ticket.id}/delivery`).set("Cookie", cookieOf(seller));
    expect(shown.body.delivery.barcodeEnding).toBe(barcode.slice(-4));
  });

  it("asks for the value when nothing is readable, and takes the typed one", async () => {
    const seller = newUser();
    const ticket = await listTicket(h, seller);
    const unreadable = await uploadTicketFile(h, seller, ticket.id, await blankPng()).expect(400);
    expect(unreadable.body.errors[0].field).toBe("barcode");
    const typed = uniqueBarcode();
    const res = await uploadTicketFile(h, seller, ticket.id, await blankPng(), { barcode: typed }).expect(200);
    expect(res.body.delivery).toMatchObject({ barcodeEnding: typed.slice(-4), barcodeFormat: "typed" });
  });

  it("refuses a typed value that contradicts the file's barcode", async () => {
    const seller = newUser();
    const ticket = await listTicket(h, seller);
    const res = await uploadTicketFile(h, seller, ticket.id, await qrPng(uniqueBarcode()), {
      barcode: "SOMETHING-ELSE",
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe("barcode");
  });
});

describe("what is accepted", () => {
  let seller: { id: string };
  let ticketId: string;
  beforeAll(async () => {
    seller = newUser();
    ticketId = (await listTicket(h, seller)).id;
  });

  it("sniffs the type from the bytes, whatever the name says", async () => {
    const res = await uploadTicketFile(h, seller, ticketId, Buffer.from("<html>not a ticket</html>"), {
      filename: "ticket.pdf",
    });
    expect(res.status).toBe(415);
    expect(res.body.errors[0].field).toBe("file");
  });

  it("refuses files over the size limit with 413", async () => {
    const big = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(201 * 1024, 32)]);
    const res = await uploadTicketFile(h, seller, ticketId, big).expect(413);
    expect(res.body.errors[0].field).toBe("file");
  });

  it("refuses PDFs with more pages than allowed, and damaged ones", async () => {
    const long = await uploadTicketFile(h, seller, ticketId, await ticketPdf(await qrPng(uniqueBarcode()), 3));
    expect(long.status).toBe(400);
    expect(long.body.errors[0]).toMatchObject({ field: "file", message: expect.stringContaining("3 pages") });
    const damaged = await uploadTicketFile(h, seller, ticketId, Buffer.from("%PDF-1.7\n1 0 obj <<>> garbage"));
    expect(damaged.status).toBe(400);
    expect(damaged.body.errors[0].field).toBe("file");
  });

  it("requires a file, and a signed-in seller of this listing", async () => {
    const missing = await request(h.url)
      .post(`/api/tickets/${ticketId}/file`)
      .set("Cookie", cookieOf(seller))
      .field("barcode", "ABCD-1234");
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe("file");
    await uploadTicketFile(h, newUser(), ticketId, await qrPng(uniqueBarcode())).expect(403);
    await request(h.url)
      .post(`/api/tickets/${ticketId}/file`)
      .attach("file", await qrPng("X-1234"), "t.png")
      .expect(401);
  });
});

describe("the same ticket is never sold twice", () => {
  it("refuses a barcode already listed, even by another seller and in another file", async () => {
    const barcode = uniqueBarcode();
    const first = await listTicket(h, newUser());
    const firstSeller = { id: first.userId };
    await uploadTicketFile(h, firstSeller, first.id, await qrPng(barcode)).expect(200);
    const other = newUser();
    const second = await listTicket(h, other);
    const res = await uploadTicketFile(h, other, second.id, await ticketPdf(await code128Png(barcode))).expect(409);
    expect(res.body.errors[0].field).toBe("barcode");
    const typed = await uploadTicketFile(h, other, second.id, await blankPng(7), { barcode }).expect(409);
    expect(typed.body.errors[0].field).toBe("barcode");
  });

  it("refuses a byte-identical file, even from another seller", async () => {
    const seller = newUser();
    const first = await listTicket(h, seller);
    const picture = await blankPng(3);
    await uploadTicketFile(h, seller, first.id, picture, { barcode: uniqueBarcode() }).expect(200);
    const other = newUser();
    const second = await listTicket(h, other);
    const res = await uploadTicketFile(h, other, second.id, picture, { barcode: uniqueBarcode() }).expect(409);
    expect(res.body.errors[0].field).toBe("file");
  });

  it("lets the seller replace the file with the same ticket before a reservation, never after", async () => {
    const seller = newUser();
    const ticket = await listTicket(h, seller);
    const barcode = uniqueBarcode();
    await uploadTicketFile(h, seller, ticket.id, await qrPng(barcode)).expect(200);
    await uploadTicketFile(h, seller, ticket.id, await ticketPdf(await qrPng(barcode))).expect(200);
    await reserve(h, ticket.id);
    const res = await uploadTicketFile(h, seller, ticket.id, await qrPng(uniqueBarcode())).expect(409);
    expect(res.body.errors[0].message).toMatch(/reserved/);
  });
});
