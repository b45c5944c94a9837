import type { Logger } from "pino";
import type { TicketsConfig } from "../config";
import { CloudinaryTicketFileStore } from "./cloudinary-ticket-file-store";
import { LocalTicketFileStore } from "./local-ticket-file-store";
import type { TicketFileStore } from "./ticket-file-store";

/** Cloudinary's authenticated assets when CLOUDINARY_URL is set, else the private folder. */
export function ticketFileStore(config: TicketsConfig, logger: Logger): TicketFileStore {
  return config.CLOUDINARY_URL
    ? new CloudinaryTicketFileStore(config.CLOUDINARY_URL, config.CLOUDINARY_TICKET_FOLDER, logger)
    : new LocalTicketFileStore(config.ticketFileDir);
}
