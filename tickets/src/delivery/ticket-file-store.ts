import type { TicketFileType } from "./ticket-file-type";

/** Private storage of sellers' ticket files: nothing here is ever reachable by a public URL. */
export interface TicketFileStore {
  readonly kind: "local" | "cloudinary";
  /** Stores under a new key each time, so a failed replacement never loses the current file. */
  save(ticketId: string, bytes: Buffer, type: TicketFileType): Promise<string>;
  read(key: string): Promise<Buffer>;
  /** Best effort: a file no longer referenced. */
  remove(key: string): Promise<void>;
}
