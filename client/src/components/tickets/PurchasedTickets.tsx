import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { CardList } from "@/components/common/CardList";
import { EmptyState } from "@/components/common/EmptyState";
import type { PurchasedTicket } from "@/lib/api-types";
import { TicketDownloads } from "./TicketDownloads";
import { TicketFacts } from "./TicketFacts";

/** Upcoming first (soonest first), then past events (latest first): the split "My tickets" shows. */
export function splitByEvent(tickets: PurchasedTicket[], now: number) {
  const upcoming = tickets.filter((t) => Date.parse(t.eventDate) > now);
  const past = tickets.filter((t) => Date.parse(t.eventDate) <= now).reverse();
  return { upcoming, past };
}

/** "My tickets": the tickets the buyer paid for, each with its downloads and a calendar entry. */
export function PurchasedTickets({ tickets, now }: { tickets: PurchasedTicket[]; now: number }) {
  if (tickets.length === 0) {
    return (
      <EmptyState title="No tickets yet" text="Tickets you buy appear here once paid, ready to download." browse />
    );
  }
  const { upcoming, past } = splitByEvent(tickets, now);
  return (
    <Box sx={{ display: "grid", gap: 3 }}>
      <TicketGroup title="Upcoming" tickets={upcoming} empty="No upcoming events." calendar />
      {past.length > 0 ? <TicketGroup title="Past events" tickets={past} empty="" calendar={false} /> : null}
    </Box>
  );
}

function TicketGroup({
  title,
  tickets,
  empty,
  calendar,
}: {
  title: string;
  tickets: PurchasedTicket[];
  empty: string;
  calendar: boolean;
}) {
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="h2" component="h2" sx={{ fontSize: "1.2rem", mb: 1 }}>
        {title}
      </Typography>
      {tickets.length === 0 ? <Typography color="textSecondary">{empty}</Typography> : null}
      <CardList>
        {tickets.map((ticket) => (
          <Paper
            component="li"
            variant="outlined"
            key={ticket.id}
            data-testid="purchased-ticket"
            sx={{ p: 2, display: "grid", gap: 1.5 }}
          >
            <Link href={`/tickets/${ticket.id}`} sx={{ fontWeight: 600, overflowWrap: "anywhere" }}>
              {ticket.title}
            </Link>
            <TicketFacts ticket={ticket} orderId={ticket.orderId} />
            <TicketDownloads ticket={ticket} calendar={calendar} />
          </Paper>
        ))}
      </CardList>
    </Box>
  );
}
