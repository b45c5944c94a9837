/** The file types a seller may upload: what e-tickets come as. */
export type TicketFileType = "application/pdf" | "image/png" | "image/jpeg";

const signatures: { type: TicketFileType; magic: number[] }[] = [
  { type: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: "image/png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
];

/**
 * The type read from the file's first bytes, never from its name or the client's
 * Content-Type. Three fixed signatures need no library; the parsers that read the file
 * afterwards (pdfjs, sharp) reject anything that only starts like one.
 */
export function sniffTicketFileType(bytes: Buffer): TicketFileType | undefined {
  return signatures.find(({ magic }) => magic.every((byte, i) => bytes[i] === byte))?.type;
}

export const extensionOf: Record<TicketFileType, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
};
