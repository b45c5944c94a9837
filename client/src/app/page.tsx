// Home: the search, upcoming events that have tickets for sale, and how it works.
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { PageTitle } from "@/components/common/PageTitle";
import { ServiceAlert } from "@/components/common/ServiceAlert";
import { EventGrid } from "@/components/events/EventGrid";
import { EventSearchForm } from "@/components/events/EventSearchForm";
import { SellTicketButton } from "@/components/tickets/SellTicketButton";
import type { EventPage } from "@/lib/api-types";
import { serverGet } from "@/lib/server-api";

export default async function HomePage() {
  let result: EventPage | null = null;
  let failure: unknown = null;
  try {
    result = await serverGet<EventPage>("/api/events?available=true&sort=date&limit=12");
  } catch (err) {
    failure = err;
  }
  return (
    <>
      <PageTitle actions={<SellTicketButton />}>Find tickets for the shows you love</PageTitle>
      <EventSearchForm showFilters={false} />
      <HowItWorks />
      <Typography variant="h2" component="h2" sx={{ fontSize: "1.4rem", mb: 2 }}>
        Upcoming events with tickets
      </Typography>
      {failure ? <ServiceAlert what="the events" error={failure} /> : null}
      {result && result.events.length === 0 ? (
        <Paper variant="outlined" sx={{ p: { xs: 3, sm: 6 }, textAlign: "center" }}>
          <Typography variant="h2" component="p" gutterBottom>
            No tickets for sale yet
          </Typography>
          <Button variant="contained" href="/tickets/new">
            Be the first to sell one
          </Button>
        </Paper>
      ) : null}
      {result && result.events.length > 0 ? <EventGrid events={result.events} /> : null}
      {result && result.total > result.events.length ? (
        <Box sx={{ textAlign: "center", mt: 3 }}>
          <Button variant="outlined" href="/search">
            See all events
          </Button>
        </Box>
      ) : null}
    </>
  );
}

function HowItWorks() {
  const steps = [
    ["Buyers", "Search for the show, pick a ticket (cheapest first), reserve it and pay with PayPal."],
    ["Sellers", "Can't go? Pick the event, say what you paid, and list at most 20% above it."],
    ["Safe", "A reservation holds the ticket for you; nothing is sold once the doors open."],
  ];
  return (
    <Box
      component="section"
      aria-label="How it works"
      sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", md: "repeat(3, 1fr)" }, mb: 4 }}
    >
      {steps.map(([title, text]) => (
        <Paper key={title} variant="outlined" sx={{ p: 2 }}>
          <Typography component="h2" sx={{ fontWeight: 700, fontSize: "1rem", mb: 0.5 }}>
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {text}
          </Typography>
        </Paper>
      ))}
    </Box>
  );
}
