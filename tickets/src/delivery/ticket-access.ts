import { type Executor, NotFoundError } from "@m-ticketing/common";
import { and, eq } from "drizzle-orm";
import { ticketBuyers, ticketDownloads, ticketFiles } from "../db/delivery-schema";
import { findTicket } from "../domain/find-ticket";
import type { TicketRow } from "../domain/ticket-view";

/** `order.created`: remembers who placed the order, the person its ticket is delivered to once paid. */
export async function recordBuyer(tx: Executor, order: { orderId: string; ticketId: string; buyerId: string }) {
  await tx.insert(ticketBuyers).values(order).onConflictDoNothing();
}

export type Receiver = "seller" | "buyer";

/**
 * Who may receive the ticket: its seller, and the buyer whose order was paid (the ticket
 * is sold to that order). A reservation does not open it.
 */
export async function receiverOf(db: Executor, ticket: TicketRow, userId: string | undefined) {
  if (!userId) return undefined;
  if (ticket.userId === userId) return "seller" as const;
  if (ticket.status !== "sold" || !ticket.orderId) return undefined;
  const [order] = await db
    .select({ orderId: ticketBuyers.orderId })
    .from(ticketBuyers)
    .where(and(eq(ticketBuyers.orderId, ticket.orderId), eq(ticketBuyers.buyerId, userId)));
  return order ? ("buyer" as const) : undefined;
}

/**
 * The ticket and its file for someone allowed to receive them (`only` narrows who). Anyone
 * else gets the same 404 as for a ticket without a file: nothing tells them it exists.
 */
export async function deliverableTicket(db: Executor, ticketId: string, userId: string | undefined, only?: Receiver) {
  const ticket = await findTicket(db, ticketId);
  const receiver = ticket && (await receiverOf(db, ticket, userId));
  const [file] = receiver ? await db.select().from(ticketFiles).where(eq(ticketFiles.ticketId, ticketId)) : [];
  if (!ticket || !receiver || !file || (only && receiver !== only)) throw new NotFoundError("No ticket file");
  return { ticket, file, receiver, userId: userId! };
}

/** Every download is recorded: who, when and what. */
export async function recordDownload(db: Executor, download: typeof ticketDownloads.$inferInsert) {
  await db.insert(ticketDownloads).values(download);
}
