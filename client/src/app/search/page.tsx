// Search: events matching the words and filters in the URL, with tickets for sale.
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { ServiceAlert } from "@/components/common/ServiceAlert";
import { EventGrid } from "@/components/events/EventGrid";
import { EventSearchForm } from "@/components/events/EventSearchForm";
import { SearchResults } from "@/components/events/SearchResults";
import { TicketPagination } from "@/components/tickets/TicketPagination";
import type { EventPage } from "@/lib/api-types";
import { EVENT_PAGE_SIZE, eventsApiQuery, filterParams, parseEventFilters } from "@/lib/event-query";
import { serverGet } from "@/lib/server-api";

export const metadata: Metadata = { title: "Search events" };

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const filters = parseEventFilters(await searchParams);
  let result: EventPage | null = null;
  let failure: unknown = null;
  try {
    result = await serverGet<EventPage>(`/api/events?${eventsApiQuery(filters)}`);
  } catch (err) {
    failure = err;
  }
  const kept = filterParams(filters);
  const back = new URLSearchParams({ ...kept, ...(filters.page > 1 ? { page: String(filters.page) } : {}) }).toString();
  const pages = result ? Math.max(1, Math.ceil(result.total / EVENT_PAGE_SIZE)) : 1;
  return (
    <>
      <PageTitle>{filters.q ? `Events matching “${filters.q}”` : "All upcoming events"}</PageTitle>
      <EventSearchForm key={back} filters={filters} />
      <SearchResults>
        {failure ? <ServiceAlert what="the events" error={failure} /> : null}
        {result ? (
          <Typography role="status" color="textSecondary" sx={{ mb: 2 }}>
            {result.total === 1 ? "1 event" : `${result.total}${result.totalCapped ? "+" : ""} events`} with tickets
          </Typography>
        ) : null}
        {result && result.events.length === 0 && result.total > 0 ? (
          // Past the last page (/search?page=999): the results exist, just not this far.
          <Paper variant="outlined" sx={{ p: { xs: 3, sm: 6 }, textAlign: "center" }} data-testid="past-last-page">
            <Typography variant="h2" component="p" gutterBottom>
              There is no page {filters.page}: the results end on page {pages}
            </Typography>
            <Button
              variant="contained"
              href={`/search?${new URLSearchParams({ ...kept, ...(pages > 1 ? { page: String(pages) } : {}) })}`}
            >
              Go to the last page
            </Button>
          </Paper>
        ) : null}
        {result && result.total === 0 ? (
          <Paper variant="outlined" sx={{ p: { xs: 3, sm: 6 }, textAlign: "center" }}>
            <Typography variant="h2" component="p">
              No events with tickets match this search
            </Typography>
            <Typography color="textSecondary">Try fewer words or filters.</Typography>
          </Paper>
        ) : null}
        {result && result.events.length > 0 ? <EventGrid events={result.events} back={back || "all"} /> : null}
        {pages > 1 && filters.page <= pages ? (
          <TicketPagination page={filters.page} pages={pages} basePath="/search" params={kept} />
        ) : null}
      </SearchResults>
    </>
  );
}
