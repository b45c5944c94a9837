// Loaded on the first e-ticket, not at start: pdfkit and bwip-js add ~40 MB to an idle
// service that most replicas never need.
const loadBwip = () => import("bwip-js").then((m) => m.default);
const loadPdfKit = () => import("pdfkit").then((m) => m.default);

export interface ETicket {
  title: string;
  eventDate: Date;
  /** IANA zone the event happens in (listings older than events have none: UTC). */
  timeZone?: string;
  venue: string;
  /** Section, row and seat as the seller described them, when they did. */
  seating?: string | null;
  buyerName: string;
  orderId: string;
  barcode: { value: string; format: string };
}

/** zxing's symbology names → bwip-js encoders; anything else (and typed values) is drawn as a QR code. */
const encoders: Record<string, string> = {
  QRCode: "qrcode",
  Code128: "code128",
  Code39: "code39",
  Code93: "code93",
  PDF417: "pdf417",
  Aztec: "azteccode",
  DataMatrix: "datamatrix",
  EAN13: "ean13",
  EAN8: "ean8",
  ITF: "interleaved2of5",
  UPCA: "upca",
  Codabar: "rationalizedCodabar",
};

const twoDimensional = new Set(["qrcode", "pdf417", "azteccode", "datamatrix"]);

/** The barcode re-drawn in its own symbology, or as a QR code when that cannot encode the value. */
async function drawBarcode({ value, format }: ETicket["barcode"]): Promise<Buffer> {
  const bcid = encoders[format.replace(/[-\s]/g, "")] ?? "qrcode";
  const options = { text: value, scale: 3, backgroundcolor: "FFFFFF", paddingwidth: 8, paddingheight: 8 };
  const bwipjs = await loadBwip();
  try {
    return await bwipjs.toBuffer({ ...options, bcid, ...(twoDimensional.has(bcid) ? {} : { height: 18 }) });
  } catch {
    return bwipjs.toBuffer({ ...options, bcid: "qrcode" });
  }
}

function formatWhen(date: Date, timeZone = "UTC"): string {
  const text = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone,
  }).format(date);
  return `${text} (${timeZone})`;
}

/** The platform's clean copy of the ticket: no personal data of the seller, the barcode re-drawn. */
export async function renderETicket(ticket: ETicket): Promise<Buffer> {
  const barcode = await drawBarcode(ticket.barcode);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: `Ticket: ${ticket.title}` } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.fontSize(22).text(ticket.title);
  doc.moveDown(0.5).fontSize(13).text(formatWhen(ticket.eventDate, ticket.timeZone));
  doc.text(ticket.venue);
  if (ticket.seating) doc.text(ticket.seating);
  doc.moveDown().fontSize(11).text(`Ticket holder: ${ticket.buyerName}`);
  doc.text(`Order number: ${ticket.orderId}`);
  doc.moveDown().image(barcode, { fit: [300, 300] });
  doc.end();
  return finished;
}
