import type { Executor } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { tickets } from "../db/schema";
import type { TicketRow } from "./ticket-view";

export async function findTicket(db: Executor, id: string): Promise<TicketRow | undefined> {
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, id));
  return ticket;
}
