import { type Executor, NotFoundError, requireAuth, validate } from "@m-ticketing/common";
import { Router } from "express";
import { createTicket } from "../domain/create-ticket";
import { findTicket } from "../domain/find-ticket";
import { type ListQuery, listQuery, listTickets, type TicketFilter } from "../domain/list-tickets";
import { type TicketInput, ticketInput } from "../domain/ticket-input";
import { toTicketPage, toTicketResponse } from "../domain/ticket-view";
import { updateTicket } from "../domain/update-ticket";
import { ticketIdParam } from "./ticket-id";

export interface TicketsRouterOptions {
  db: Executor;
  /** Currency of new listings (CURRENCY). */
  currency: string;
}

/** `/api/tickets`: list, search, create, show and edit listings. */
export function ticketsRouter({ db, currency }: TicketsRouterOptions): Router {
  const router = Router();

  const page = async (filter: TicketFilter, query: ListQuery) => {
    const { tickets, total } = await listTickets(db, filter, query);
    return toTicketPage(tickets, total, query);
  };

  router.get("/api/tickets", validate("query", listQuery), async (_req, res) => {
    res.json(await page({ availableOnly: true }, res.locals.query));
  });

  router.get("/api/tickets/mine", requireAuth, validate("query", listQuery), async (req, res) => {
    res.json(await page({ sellerId: req.currentUser!.id }, res.locals.query));
  });

  router.get("/api/tickets/:id", async (req, res) => {
    const ticket = await findTicket(db, ticketIdParam(req.params.id));
    if (!ticket) throw new NotFoundError("Ticket not found");
    res.json({ ticket: toTicketResponse(ticket) });
  });

  router.post("/api/tickets", requireAuth, validate("body", ticketInput), async (req, res) => {
    const ticket = await createTicket(db, req.currentUser!, res.locals.body as TicketInput, currency);
    res.status(201).json({ ticket: toTicketResponse(ticket) });
  });

  router.put("/api/tickets/:id", requireAuth, validate("body", ticketInput), async (req, res) => {
    const id = ticketIdParam(req.params.id);
    const ticket = await updateTicket(db, id, req.currentUser!, res.locals.body as TicketInput);
    res.json({ ticket: toTicketResponse(ticket) });
  });

  return router;
}
