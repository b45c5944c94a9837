// One event: its details in its own zone, the available listings cheapest first, and
// "Notify me" for signed-in visitors.

import CalendarMonthOutlined from "@mui/icons-material/CalendarMonthOutlined";
import PlaceOutlined from "@mui/icons-material/PlaceOutlined";
import Box from "@mui/material/Box";
import Breadcrumbs from "@mui/material/Breadcrumbs";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { cache } from "react";
import { CardList } from "@/components/common/CardList";
import { ServiceAlert } from "@/components/common/ServiceAlert";
import { EventTime } from "@/components/events/EventTime";
import { ListingRow } from "@/components/events/ListingRow";
import { NotifyButton } from "@/components/events/NotifyButton";
import type { Event, SellerSummary, TicketPage } from "@/lib/api-types";
import { searchHref } from "@/lib/event-query";
import { formatPrice } from "@/lib/format";
import { currentUser, serverGet, serverGetOrNavigate } from "@/lib/server-api";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const loadEvent = cache((id: string) =>
  serverGetOrNavigate<{ event: Event; alert: boolean }>(`/api/events/${encodeURIComponent(id)}`, `/events/${id}`),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await loadEvent(id)).event.name };
}

export default async function EventPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { back } = await searchParams;
  const [{ event, alert }, user] = await Promise.all([loadEvent(id), currentUser()]);
  let listings: TicketPage | null = null;
  let failure: unknown = null;
  try {
    listings = await serverGet<TicketPage>(`/api/tickets?eventId=${event.id}&sort=price_asc&limit=100`);
  } catch (err) {
    failure = err;
  }
  // Who sells them (trust signals): one call for every seller on the page; without it the
  // listings still show.
  const sellerIds = [...new Set(listings?.tickets.map((t) => t.userId) ?? [])];
  const sellers = new Map<string, SellerSummary>();
  if (sellerIds.length > 0) {
    try {
      const found = await serverGet<{ sellers: SellerSummary[] }>(`/api/tickets/sellers?ids=${sellerIds.join(",")}`);
      for (const s of found.sellers) sellers.set(s.id, s);
    } catch {
      // The summaries are extra: the page works without them.
    }
  }
  const results = searchHref(typeof back === "string" ? back : "");
  const started = Date.parse(event.startsAt) <= Date.now();

  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 2 }}>
        <Link href="/" underline="hover" color="inherit">
          Home
        </Link>
        {results ? (
          <Link href={results} underline="hover" color="inherit">
            Search results
          </Link>
        ) : null}
        <Typography color="textPrimary" aria-current="page" noWrap sx={{ maxWidth: "60vw" }}>
          {event.name}
        </Typography>
      </Breadcrumbs>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, mb: 3 }}>
        <Typography variant="h1" component="h1" sx={{ overflowWrap: "anywhere", mb: 2 }}>
          {event.name}
        </Typography>
        <Box sx={{ display: "grid", gap: 1, mb: 2 }}>
          <Box sx={{ display: "flex", gap: 1, alignItems: "center" }}>
            <CalendarMonthOutlined aria-hidden />
            <EventTime iso={event.startsAt} timeZone={event.timeZone} />
          </Box>
          <Box sx={{ display: "flex", gap: 1, alignItems: "center" }}>
            <PlaceOutlined aria-hidden />
            <span>
              {event.venue}, {event.city} ({event.country})
            </span>
          </Box>
        </Box>
        <Typography role="status" sx={{ mb: 2 }} data-testid="event-availability">
          {started
            ? "This event has started: tickets can no longer be sold."
            : event.availableCount === 0
              ? "No tickets available right now."
              : `${event.availableCount === 1 ? "1 ticket" : `${event.availableCount} tickets`} available${
                  event.minPrice ? `, from ${formatPrice(event.minPrice, event.currency)}` : ""
                }`}
        </Typography>
        <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap" }}>
          {user && !started ? <NotifyButton eventId={event.id} subscribed={alert} /> : null}
          {!started ? (
            <Button variant="outlined" href={`/tickets/new?eventId=${event.id}`}>
              Sell a ticket for this event
            </Button>
          ) : null}
        </Box>
      </Paper>
      {failure ? <ServiceAlert what="the tickets" error={failure} /> : null}
      {listings && listings.tickets.length > 0 ? (
        <CardList label="Tickets">
          {listings.tickets.map((ticket) => (
            <ListingRow
              key={ticket.id}
              ticket={ticket}
              own={Boolean(user && ticket.userId === user.id)}
              seller={sellers.get(ticket.userId) ?? null}
            />
          ))}
        </CardList>
      ) : null}
    </>
  );
}
