import { type Executor, NotFoundError, requireAuth, validate } from "@m-ticketing/common";
import { Router } from "express";
import { findEvent, findOrCreateEvent } from "../domain/create-event";
import { isSubscribed, subscribeToEvent, unsubscribeFromEvent } from "../domain/event-alerts";
import { eventInput } from "../domain/event-input";
import { toEventResponse } from "../domain/event-view";
import { eventQuery, searchEvents } from "../domain/search-events";
import { eventIdParam } from "./ticket-id";

export interface EventsRouterOptions {
  db: Executor;
  /** CURRENCY: of events created without one. */
  currency: string;
}

/** `/api/events`: search, create (or find the same show), show, and alert subscriptions. */
export function eventsRouter({ db, currency }: EventsRouterOptions): Router {
  const router = Router();

  router.get("/api/events", async (req, res) => {
    const { query } = validate(req, { query: eventQuery });
    const found = await searchEvents(db, query);
    res.json({ ...found, events: found.events.map(toEventResponse), page: query.page, limit: query.limit });
  });

  router.post("/api/events", requireAuth, async (req, res) => {
    const { body } = validate(req, { body: eventInput });
    const { event, created } = await findOrCreateEvent(db, req.currentUser!.id, body, currency);
    res.status(created ? 201 : 200).json({ event: toEventResponse(event), created });
  });

  router.get("/api/events/:id", async (req, res) => {
    const event = await findEvent(db, eventIdParam(req.params.id));
    if (!event) throw new NotFoundError("Event not found");
    const alert = req.currentUser ? await isSubscribed(db, event.id, req.currentUser.id) : false;
    res.json({ event: toEventResponse(event), alert });
  });

  router.post("/api/events/:id/alerts", requireAuth, async (req, res) => {
    await subscribeToEvent(db, eventIdParam(req.params.id), req.currentUser!.id);
    res.status(201).json({ alert: true });
  });

  router.delete("/api/events/:id/alerts", requireAuth, async (req, res) => {
    await unsubscribeFromEvent(db, eventIdParam(req.params.id), req.currentUser!.id);
    res.json({ alert: false });
  });

  return router;
}
