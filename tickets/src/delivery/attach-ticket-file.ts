import { createHash } from "node:crypto";
import {
  ConflictError,
  type Executor,
  ForbiddenError,
  NotFoundError,
  RequestValidationError,
  UnsupportedMediaTypeError,
} from "@m-ticketing/common";
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Logger } from "pino";
import { ticketFiles } from "../db/delivery-schema";
import { tickets } from "../db/schema";
import { findTicket } from "../domain/find-ticket";
import { announceListing, lockTicket } from "../domain/save-ticket-change";
import type { TicketRow } from "../domain/ticket-view";
import type { BarcodeScanner, ScannedBarcode } from "./barcode-scanner";
import { type BarcodeSecret, lastFour } from "./barcode-secret";
import type { TicketFileStore } from "./ticket-file-store";
import { sniffTicketFileType } from "./ticket-file-type";

export interface DeliveryDeps {
  db: Executor;
  store: TicketFileStore;
  scanner: BarcodeScanner;
  secret: BarcodeSecret;
  logger: Logger;
}

export type TicketFileRow = typeof ticketFiles.$inferSelect;

/** Statuses in which a listing holds its barcode: a withdrawn listing's ticket may be listed again. */
const holdingStatuses = ["available", "reserved", "sold"] as const;

/** The seller may hand over (or replace) the ticket only while nobody holds or owns the listing. */
function checkSellerMayAttach(ticket: TicketRow | undefined, sellerId: string): asserts ticket is TicketRow {
  if (!ticket) throw new NotFoundError("Ticket not found");
  if (ticket.userId !== sellerId) throw new ForbiddenError("Only the seller can attach the ticket");
  if (ticket.status !== "available") {
    throw new ConflictError(`The ticket is ${ticket.status}: its file can no longer be replaced`);
  }
}

/** The barcode read from the file, or the one the seller typed when nothing was readable. */
function chooseBarcode(scanned: ScannedBarcode[], typed: string | undefined): ScannedBarcode {
  const wanted = typed?.trim();
  if (scanned.length === 0) {
    if (wanted) return { text: wanted, format: "typed" };
    throw new RequestValidationError([
      { field: "barcode", message: "No barcode could be read from the file; type the value printed with it" },
    ]);
  }
  const match = wanted ? scanned.find((b) => b.text.trim() === wanted) : scanned[0];
  if (!match) {
    throw new RequestValidationError([{ field: "barcode", message: "Does not match the barcode read from the file" }]);
  }
  return match;
}

/**
 * The seller hands the ticket over: the file is checked and scanned, stored privately,
 * and recorded unless its barcode or its bytes are already on another live listing.
 */
export async function attachTicketFile(
  deps: DeliveryDeps,
  ticketId: string,
  sellerId: string,
  upload: { bytes: Buffer; typedBarcode?: string },
): Promise<TicketFileRow> {
  // Cheap checks first, so nobody gets a file scanned for a listing they cannot change.
  checkSellerMayAttach(await findTicket(deps.db, ticketId), sellerId);
  const type = sniffTicketFileType(upload.bytes);
  if (!type) throw new UnsupportedMediaTypeError("The ticket must be a PDF, PNG or JPEG file", "file");
  const barcode = chooseBarcode(await deps.scanner.scan(upload.bytes, type), upload.typedBarcode);
  const barcodeHmac = deps.secret.hash(barcode.text);
  const fileSha256 = createHash("sha256").update(upload.bytes).digest("hex");

  const key = await deps.store.save(ticketId, upload.bytes, type);
  let previous: TicketFileRow | undefined;
  const saved = await deps.db
    .transaction(async (tx) => {
      const ticket = await lockTicket(tx, ticketId);
      checkSellerMayAttach(ticket, sellerId);
      // Concurrent uploads of the same barcode or file take turns (barcode first, then file, so no cycle).
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${barcodeHmac}, 0))`);
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${fileSha256}, 0))`);
      await refuseDuplicates(tx, ticketId, barcodeHmac, fileSha256);
      [previous] = await tx.select().from(ticketFiles).where(eq(ticketFiles.ticketId, ticketId));
      const row = {
        ticketId,
        storage: deps.store.kind,
        storageKey: key,
        contentType: type,
        sizeBytes: upload.bytes.length,
        fileSha256,
        barcodeHmac,
        barcodeSealed: deps.secret.seal(barcode.text),
        barcodeLast4: lastFour(barcode.text),
        barcodeFormat: barcode.format,
        uploadedAt: new Date(),
      };
      const [stored] = await tx
        .insert(ticketFiles)
        .values(row)
        .onConflictDoUpdate({ target: ticketFiles.ticketId, set: row })
        .returning();
      await announceListing(tx, ticket);
      return stored!;
    })
    .catch(async (err: unknown) => {
      await deps.store.remove(key).catch(() => undefined);
      throw err;
    });
  if (previous && previous.storageKey !== key) {
    await deps.store.remove(previous.storageKey).catch((err: unknown) => {
      deps.logger.warn({ err, ticketId }, "A replaced ticket file could not be deleted");
    });
  }
  return saved;
}

async function refuseDuplicates(tx: Executor, ticketId: string, barcodeHmac: string, fileSha256: string) {
  const clashes = await tx
    .select({ barcodeHmac: ticketFiles.barcodeHmac, fileSha256: ticketFiles.fileSha256 })
    .from(ticketFiles)
    .innerJoin(tickets, eq(tickets.id, ticketFiles.ticketId))
    .where(
      and(
        ne(ticketFiles.ticketId, ticketId),
        inArray(tickets.status, [...holdingStatuses]),
        or(eq(ticketFiles.barcodeHmac, barcodeHmac), eq(ticketFiles.fileSha256, fileSha256)),
      ),
    )
    .limit(2);
  if (clashes.some((c) => c.barcodeHmac === barcodeHmac)) {
    throw new ConflictError("A ticket with this barcode is already listed", "barcode");
  }
  if (clashes.length > 0) throw new ConflictError("This file is already listed", "file");
}

/** What the seller sees of the ticket they handed over (never the file or the whole barcode). */
export function toSellerDeliveryView(file: TicketFileRow) {
  return {
    contentType: file.contentType,
    size: file.sizeBytes,
    uploadedAt: file.uploadedAt.toISOString(),
    barcodeEnding: file.barcodeLast4,
    barcodeFormat: file.barcodeFormat,
  };
}
