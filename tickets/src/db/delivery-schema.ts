import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const ticketFileStorage = pgEnum("ticket_file_storage", ["local", "cloudinary"]);
export const ticketDownloadKind = pgEnum("ticket_download_kind", ["file", "eticket"]);

/**
 * The ticket a seller handed over for a listing (one per listing; replaced in place while
 * the listing is available). Never in a public response, a log or an event.
 */
export const ticketFiles = pgTable(
  "ticket_files",
  {
    ticketId: uuid("ticket_id").primaryKey(),
    storage: ticketFileStorage("storage").notNull(),
    /** Where the store keeps it (a file name or Cloudinary public id). */
    storageKey: text("storage_key").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** SHA-256 of the bytes: the same file is never listed twice. */
    fileSha256: text("file_sha256").notNull(),
    /** HMAC-SHA-256 of the barcode value under the server's key: the same barcode is never listed twice. */
    barcodeHmac: text("barcode_hmac").notNull(),
    /** The value encrypted (AES-256-GCM) so the platform e-ticket can re-draw it. */
    barcodeSealed: text("barcode_sealed").notNull(),
    /** Shown to the seller as "…4821". */
    barcodeLast4: text("barcode_last4").notNull(),
    /** zxing's name for the symbology (QRCode, Code128, …) or `typed`. */
    barcodeFormat: text("barcode_format").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ticket_files_barcode_idx").on(t.barcodeHmac), index("ticket_files_sha256_idx").on(t.fileSha256)],
);

/** Who placed each order (from `order.created`): the buyer a sold ticket is delivered to. */
export const ticketBuyers = pgTable(
  "ticket_buyers",
  {
    orderId: uuid("order_id").primaryKey(),
    ticketId: uuid("ticket_id").notNull(),
    buyerId: uuid("buyer_id").notNull(),
  },
  // "My tickets" looks a buyer's orders up (without it, a scan of every order ever placed).
  (t) => [index("ticket_buyers_buyer_idx").on(t.buyerId)],
);

/** Every download of a ticket file or e-ticket (who, when): settles "I never got it" claims. */
export const ticketDownloads = pgTable(
  "ticket_downloads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id").notNull(),
    userId: uuid("user_id").notNull(),
    kind: ticketDownloadKind("kind").notNull(),
    downloadedAt: timestamp("downloaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ticket_downloads_ticket_idx").on(t.ticketId, t.downloadedAt)],
);
