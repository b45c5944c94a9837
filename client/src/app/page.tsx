// Browse: the available tickets, searchable and sortable, server-rendered.
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Grid from "@mui/material/Grid";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { PageTitle } from "@/components/common/PageTitle";
import { ServiceAlert } from "@/components/common/ServiceAlert";
import { TicketCard } from "@/components/tickets/TicketCard";
import { TicketPagination } from "@/components/tickets/TicketPagination";
import { TicketSearchBar } from "@/components/tickets/TicketSearchBar";
import type { TicketPage } from "@/lib/api-types";
import { PAGE_SIZE, parseBrowseQuery, ticketsApiQuery } from "@/lib/browse-query";
import { serverGet } from "@/lib/server-api";

export default async function BrowsePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseBrowseQuery(await searchParams);
  let result: TicketPage | null = null;
  let failure: unknown = null;
  try {
    result = await serverGet<TicketPage>(`/api/tickets?${ticketsApiQuery(query)}`);
  } catch (err) {
    failure = err;
  }
  const pages = result ? Math.max(1, Math.ceil(result.total / (result.limit || PAGE_SIZE))) : 1;
  const keep: Record<string, string> = {};
  if (query.q) keep.q = query.q;
  if (query.sort !== "newest") keep.sort = query.sort;

  return (
    <>
      <PageTitle
        actions={
          <Button variant="contained" href="/tickets/new">
            Sell a ticket
          </Button>
        }
      >
        {query.q ? "Search results" : "Tickets for sale"}
      </PageTitle>
      <TicketSearchBar key={`${query.q}|${query.sort}`} q={query.q} sort={query.sort} />
      {failure ? <ServiceAlert what="the tickets" error={failure} /> : null}
      {result && result.tickets.length === 0 ? <EmptyState q={query.q} page={query.page} /> : null}
      {result && result.tickets.length > 0 ? (
        <>
          <Typography role="status" color="text.secondary" sx={{ mb: 2 }}>
            {result.total === 1 ? "1 ticket" : `${result.total} tickets`}
            {query.q ? ` matching “${query.q}”` : " available"}
          </Typography>
          <Grid container spacing={2} component="ul" sx={{ listStyle: "none", p: 0, m: 0 }}>
            {result.tickets.map((ticket) => (
              <Grid key={ticket.id} size={{ xs: 12, sm: 6, md: 4 }} component="li">
                <TicketCard ticket={ticket} />
              </Grid>
            ))}
          </Grid>
          {pages > 1 ? <TicketPagination page={query.page} pages={pages} basePath="/" params={keep} /> : null}
        </>
      ) : null}
    </>
  );
}

function EmptyState({ q, page }: { q: string; page: number }) {
  return (
    <Paper variant="outlined" sx={{ p: { xs: 3, sm: 6 }, textAlign: "center" }}>
      <Typography variant="h2" component="h2" gutterBottom>
        {q ? `No tickets match “${q}”` : page > 1 ? "No more tickets" : "No tickets for sale yet"}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {q ? "Try other words, or check back later: new tickets are listed all the time." : "Be the first to list one."}
      </Typography>
      <Box sx={{ display: "flex", gap: 2, justifyContent: "center", flexWrap: "wrap" }}>
        {q || page > 1 ? (
          <Button variant="outlined" href="/">
            See all tickets
          </Button>
        ) : null}
        <Button variant="contained" href="/tickets/new">
          Sell a ticket
        </Button>
      </Box>
    </Paper>
  );
}
