import Typography from "@mui/material/Typography";
import type { Order, Ticket } from "@/lib/api-types";
import { formatEventTime } from "@/lib/format";

/** A row of My orders: the event's date (in its zone) and venue, and the order number. */
export function OrderEventLine({ order, ticket }: { order: Order; ticket?: Ticket }) {
  return (
    <Typography variant="body2" color="textSecondary" data-testid="order-event" sx={{ overflowWrap: "anywhere" }}>
      {ticket ? `${formatEventTime(ticket.eventDate, ticket.timeZone ?? "UTC")} · ${ticket.venue} · ` : null}
      Order number {order.id}
    </Typography>
  );
}
