import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
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
      <Paper variant="outlined" sx={{ p: 4, textAlign: "center" }}>
        <Typography variant="h2" component="h2" gutterBottom>
          No tickets yet
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          Tickets you buy appear here once paid, ready to download.
        </Typography>
        <Button variant="contained" href="/">
          Browse tickets
        </Button>
      </Paper>
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
      {tickets.length === 0 ? <Typography color="text.secondary">{empty}</Typography> : null}
      <Box component="ul" sx={{ listStyle: "none", p: 0, m: 0, display: "grid", gap: 1.5 }}>
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
      </Box>
    </Box>
  );
}
