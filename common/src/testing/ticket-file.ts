import { randomUUID } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";

/**
 * A ticket a seller can attach to a listing (`POST /api/tickets/:id/file`): a tiny PNG
 * unlike any other (so the byte-identical-file rule never refuses it) and a barcode value
 * nobody else has listed, typed by the seller because the picture holds no barcode. For
 * tests and seeders that need listings buyers can see; the delivery tests build real ones.
 */
export function ticketFileFixture(): { bytes: Buffer; barcode: string } {
  const barcode = `SEED-${randomUUID().replace(/-/g, "").toUpperCase()}`;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  // 1×1, 8-bit greyscale; the barcode in a text chunk makes the bytes unique.
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("tEXt", Buffer.from(`Comment\0${barcode}`, "latin1")),
    chunk("IDAT", deflateSync(Buffer.from([0, 0xff]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return { bytes, barcode };
}

/**
 * Attaches a fresh `ticketFileFixture()` to the listing as its seller (whose session
 * `cookie` is a `Cookie` header value), so buyers see it and orders learns of it.
 * Returns the typed barcode; throws unless the service answers 200.
 */
export async function attachTicketFile(ticketsUrl: string, cookie: string, ticketId: string): Promise<string> {
  const { bytes, barcode } = ticketFileFixture();
  const form = new FormData();
  form.append("barcode", barcode);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "ticket.png");
  const res = await fetch(`${ticketsUrl}/api/tickets/${ticketId}/file`, {
    method: "POST",
    headers: { cookie },
    body: form,
  });
  if (res.status !== 200) throw new Error(`attaching ticket ${ticketId} failed: ${res.status} ${await res.text()}`);
  return barcode;
}
