import { BadRequestError, type FeePolicy, PayloadTooLargeError, requireAuth, validate } from "@m-ticketing/common";
import { type RequestHandler, type Response, Router } from "express";
import multer from "multer";
import { z } from "zod";
import { attachTicketFile, type DeliveryDeps, toSellerDeliveryView } from "../delivery/attach-ticket-file";
import { renderETicket } from "../delivery/eticket-pdf";
import { listPurchasedTickets, toPurchasedTicketResponse } from "../delivery/purchased-tickets";
import { deliverableTicket, recordDownload } from "../delivery/ticket-access";
import { extensionOf, type TicketFileType } from "../delivery/ticket-file-type";
import { ticketIdParam } from "./ticket-id";

const uploadFields = z.object({
  barcode: z
    .string()
    .trim()
    .min(4, "must be at least 4 characters")
    .max(256, "must be at most 256 characters")
    .regex(/^[\x20-\x7e]+$/, "must be printable characters as on the ticket")
    .optional(),
});

/** One `file` part held in memory up to `maxBytes`, plus the optional `barcode` text field. */
function ticketUpload(maxBytes: number): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 1024, parts: 5 },
  }).single("file");
  const explain = (err: unknown) => {
    if (!(err instanceof multer.MulterError)) return new BadRequestError("Malformed multipart/form-data body", "file");
    if (err.code === "LIMIT_FILE_SIZE") {
      return new PayloadTooLargeError(`The ticket file must be at most ${maxBytes / (1024 * 1024)} MB`, "file");
    }
    if (err.code === "LIMIT_UNEXPECTED_FILE")
      return new BadRequestError("Send one file, in the field named file", "file");
    return new BadRequestError(`Form rejected: ${err.message}`, err.field);
  };
  return (req, res, next) => parse(req, res, (err?: unknown) => next(err ? explain(err) : undefined));
}

/** The file only for whoever asked: never cached by a shared cache, never rendered inline by guessing. */
function sendPrivately(res: Response, bytes: Buffer, type: TicketFileType | "application/pdf", name: string) {
  res
    .set({
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    })
    .send(bytes);
}

/** "Section A · Row 3 · Seat 12" as the seller described it, else their description. */
function seatingOf(ticket: {
  section: string | null;
  row: string | null;
  seat: string | null;
  description: string | null;
}) {
  const parts = [
    ticket.section && `Section ${ticket.section}`,
    ticket.row && `Row ${ticket.row}`,
    ticket.seat && `Seat ${ticket.seat}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : ticket.description;
}

/** Delivery of the ticket itself: the seller hands it over, the paying buyer receives it. */
export function deliveryRouter(deps: DeliveryDeps & { maxFileBytes: number; fees: FeePolicy }): Router {
  const router = Router();

  // "My tickets": what the signed-in buyer bought and paid for, soonest event first.
  router.get("/api/tickets/purchased", requireAuth, async (req, res) => {
    const bought = await listPurchasedTickets(deps.db, req.currentUser!.id);
    res.json({ tickets: bought.map((ticket) => toPurchasedTicketResponse(ticket, deps.fees)) });
  });

  router.post("/api/tickets/:id/file", requireAuth, ticketUpload(deps.maxFileBytes), async (req, res) => {
    const id = ticketIdParam(req.params.id);
    const { barcode } = validate(req, { body: uploadFields }).body;
    if (!req.file) throw new BadRequestError("Attach the ticket as a file named file", "file");
    const file = await attachTicketFile(deps, id, req.currentUser!.id, {
      bytes: req.file.buffer,
      typedBarcode: barcode,
    });
    res.json({ delivery: toSellerDeliveryView(file) });
  });

  router.get("/api/tickets/:id/delivery", requireAuth, async (req, res) => {
    const { file } = await deliverableTicket(deps.db, ticketIdParam(req.params.id), req.currentUser!.id, "seller");
    res.json({ delivery: toSellerDeliveryView(file) });
  });

  router.get("/api/tickets/:id/file", async (req, res) => {
    const { ticket, file, userId } = await deliverableTicket(
      deps.db,
      ticketIdParam(req.params.id),
      req.currentUser?.id,
    );
    const bytes = await deps.store.read(file.storageKey);
    await recordDownload(deps.db, { ticketId: ticket.id, userId, kind: "file" });
    const type = file.contentType as TicketFileType;
    sendPrivately(res, bytes, type, `ticket-${ticket.id}.${extensionOf[type]}`);
  });

  router.get("/api/tickets/:id/eticket.pdf", async (req, res) => {
    const id = ticketIdParam(req.params.id);
    const { ticket, file, userId } = await deliverableTicket(deps.db, id, req.currentUser?.id, "buyer");
    const pdf = await renderETicket({
      title: ticket.title,
      eventDate: ticket.eventDate,
      timeZone: ticket.timeZone ?? undefined,
      venue: ticket.venue,
      seating: seatingOf(ticket),
      buyerName: req.currentUser!.name,
      orderId: ticket.orderId!,
      barcode: { value: deps.secret.open(file.barcodeSealed), format: file.barcodeFormat },
    });
    await recordDownload(deps.db, { ticketId: ticket.id, userId, kind: "eticket" });
    sendPrivately(res, pdf, "application/pdf", `eticket-${ticket.id}.pdf`);
  });

  return router;
}
