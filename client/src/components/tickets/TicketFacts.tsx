import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { Ticket } from "@/lib/api-types";
import { formatEventTime } from "@/lib/format";

/** "Section B · Row 3 · Seat 12", or null when the seller gave none. */
export function seatingText(ticket: Pick<Ticket, "section" | "row" | "seat">): string | null {
  const parts = [
    ticket.section && `Section ${ticket.section}`,
    ticket.row && `Row ${ticket.row}`,
    ticket.seat && `Seat ${ticket.seat}`,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

type FactsTicket = Pick<Ticket, "eventDate" | "timeZone" | "venue" | "section" | "row" | "seat" | "sellerName">;

/**
 * What a buyer wants to know about their ticket at a glance: when (in the event's zone),
 * where, which seat, from whom, and the order number to quote.
 */
export function TicketFacts({ ticket, orderId }: { ticket: FactsTicket | null; orderId: string }) {
  const facts: [string, string][] = [["Order number", orderId]];
  if (ticket) {
    facts.unshift(
      ["When", formatEventTime(ticket.eventDate, ticket.timeZone ?? "UTC")],
      ["Where", ticket.venue],
      ...(seatingText(ticket) ? ([["Seat", seatingText(ticket)]] as [string, string][]) : []),
      ["Seller", ticket.sellerName ?? "A Ticketing member"],
    );
  }
  return (
    <Box
      component="dl"
      data-testid="ticket-facts"
      sx={{ display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: 2, rowGap: 0.5, m: 0 }}
    >
      {facts.map(([label, value]) => (
        <Box key={label} sx={{ display: "contents" }}>
          <Typography component="dt" variant="body2" color="textSecondary">
            {label}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: "anywhere" }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
