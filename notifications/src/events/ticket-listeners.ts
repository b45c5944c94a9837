import { listen } from "@m-ticketing/common";
import { money } from "../domain/mail-catalogue";
import { applyTicket } from "../domain/replicas";
import { applyWatch, watchersToAlert } from "../domain/watches";
import type { ListenerDeps } from "./deps";
import { mailer } from "./mail-to";

/**
 * Tickets' events: the replica of listings (for the order mails), the replica of "notify me"
 * choices, and the alerts. `ticket.created` is tickets' "buyers can now see this listing".
 */
export function ticketListeners(deps: ListenerDeps) {
  const mailTo = mailer(deps);

  return [
    listen("ticket.created", async (event, tx) => {
      const ticket = event.data;
      await applyTicket(tx, ticket);
      const startsAt = ticket.startsAt ? new Date(ticket.startsAt) : undefined;
      if (!ticket.eventId || ticket.status !== "available" || (startsAt && startsAt <= new Date(event.occurredAt))) {
        return;
      }
      for (const userId of await watchersToAlert(tx, ticket.eventId, ticket.userId)) {
        // Category "alert": skipped for users who turned alerts off; carries the unsubscribe headers.
        await mailTo(tx, event.id, userId, "event-alert", "alert", {
          eventId: ticket.eventId,
          title: ticket.title,
          price: money(ticket.price, ticket.currency),
        });
      }
    }),
    listen("ticket.updated", async (event, tx) => applyTicket(tx, event.data)),
    listen("event.alert-changed", async (event, tx) => applyWatch(tx, event.data, event.occurredAt)),
  ];
}
