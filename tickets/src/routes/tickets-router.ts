import { type Executor, type FeePolicy, NotFoundError, requireAuth, validate } from "@m-ticketing/common";
import { Router } from "express";
import { purchaseOf } from "../delivery/purchased-tickets";
import { createTickets, type ListingRules } from "../domain/create-ticket";
import { findTicket } from "../domain/find-ticket";
import { type ListQuery, listQuery, listTickets, type TicketFilter } from "../domain/list-tickets";
import type { ListingCache } from "../domain/listing-cache";
import { assertMaySell } from "../domain/seller-rules";
import { ticketEdit, ticketInput } from "../domain/ticket-input";
import { toTicketPage, toTicketResponse } from "../domain/ticket-view";
import { updateTicket, withdrawTicket } from "../domain/update-ticket";
import { ticketIdParam } from "./ticket-id";

export interface TicketsRouterOptions extends ListingRules {
  db: Executor;
  /** `off` only for harnesses that seed sellers without a mailbox (bench, chaos, browser tests). */
  sellerEmailVerification: "required" | "off";
  /** The public pages, served from memory for at most a second (see ListingCache). */
  listingCache: ListingCache;
  /** Shown with every listing: the buyer's total and the seller's "you receive". */
  fees: FeePolicy;
}

/** `/api/tickets`: list, search, create, show, edit and withdraw listings. */
export function ticketsRouter({
  db,
  sellerEmailVerification,
  listingCache,
  fees,
  ...rules
}: TicketsRouterOptions): Router {
  const router = Router();

  const page = async (filter: TicketFilter, query: ListQuery) => {
    const { tickets, ...counted } = await listTickets(db, filter, query);
    return toTicketPage(tickets, counted, query, fees);
  };

  // The same for every visitor (no per-user data): one cached page per distinct query.
  router.get("/api/tickets", async (req, res) => {
    const { query } = validate(req, { query: listQuery });
    const json = await listingCache.get(JSON.stringify(query), () => page({ availableOnly: true }, query));
    res.type("application/json").send(json);
  });

  router.get("/api/tickets/mine", requireAuth, async (req, res) => {
    res.json(await page({ sellerId: req.currentUser!.id }, validate(req, { query: listQuery }).query));
  });

  router.get("/api/tickets/:id", async (req, res) => {
    const ticket = await findTicket(db, ticketIdParam(req.params.id));
    // Before its ticket is attached a listing is the seller's alone.
    if (!ticket || (!ticket.listedAt && ticket.userId !== req.currentUser?.id)) {
      throw new NotFoundError("Ticket not found");
    }
    // Its buyer (paid) is told so: the order is theirs to see.
    res.json({ ticket: toTicketResponse(ticket, fees), purchase: await purchaseOf(db, ticket, req.currentUser?.id) });
  });

  router.post("/api/tickets", requireAuth, async (req, res) => {
    const { body } = validate(req, { body: ticketInput });
    if (sellerEmailVerification === "required") assertMaySell(req.currentUser!);
    const { tickets } = await createTickets(db, req.currentUser!, body, rules);
    const listed = tickets.map((ticket) => toTicketResponse(ticket, fees));
    res.status(201).json({ ticket: listed[0], tickets: listed });
  });

  router.put("/api/tickets/:id", requireAuth, async (req, res) => {
    const id = ticketIdParam(req.params.id);
    const { body } = validate(req, { body: ticketEdit });
    const ticket = await updateTicket(db, id, req.currentUser!, body, rules.priceCapPercent);
    res.json({ ticket: toTicketResponse(ticket, fees) });
  });

  router.delete("/api/tickets/:id", requireAuth, async (req, res) => {
    const ticket = await withdrawTicket(db, ticketIdParam(req.params.id), req.currentUser!.id);
    res.json({ ticket: toTicketResponse(ticket, fees) });
  });

  return router;
}
