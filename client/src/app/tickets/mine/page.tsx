// The seller's own listings in every status, newest first.

import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { CardList, CardRow } from "@/components/common/CardList";
import { EmptyState } from "@/components/common/EmptyState";
import { LocalDateTime } from "@/components/common/LocalDateTime";
import { PageTitle } from "@/components/common/PageTitle";
import { ServiceAlert } from "@/components/common/ServiceAlert";
import { StatusChip } from "@/components/common/StatusChip";
import { EventTime } from "@/components/events/EventTime";
import { SellTicketButton } from "@/components/tickets/SellTicketButton";
import { TicketPagination } from "@/components/tickets/TicketPagination";
import { WithdrawButton } from "@/components/tickets/WithdrawButton";
import type { TicketPage } from "@/lib/api-types";
import { PAGE_SIZE, parseBrowseQuery, ticketsApiQuery } from "@/lib/browse-query";
import { formatPrice } from "@/lib/format";
import { requireUser, serverGet } from "@/lib/server-api";

export const metadata: Metadata = { title: "My listings" };

export default async function MyListingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { page } = parseBrowseQuery(await searchParams);
  await requireUser("/tickets/mine");
  let result: TicketPage | null = null;
  let failure: unknown = null;
  try {
    result = await serverGet<TicketPage>(`/api/tickets/mine?${ticketsApiQuery({ q: "", sort: "newest", page })}`);
  } catch (err) {
    failure = err;
  }
  const pages = result ? Math.max(1, Math.ceil(result.total / (result.limit || PAGE_SIZE))) : 1;

  return (
    <>
      <PageTitle actions={<SellTicketButton />}>My listings</PageTitle>
      {failure ? <ServiceAlert what="your listings" error={failure} /> : null}
      {result && result.tickets.length === 0 ? (
        <EmptyState
          title="You have not listed any tickets yet"
          text="Got a ticket you cannot use? List it in a minute."
        />
      ) : null}
      {result && result.tickets.length > 0 ? (
        <CardList label="My listings">
          {result.tickets.map((ticket) => (
            <CardRow key={ticket.id} testId="listing-row">
              <Box sx={{ flex: "1 1 240px", minWidth: 0 }}>
                <Link href={`/tickets/${ticket.id}`} sx={{ fontWeight: 600, overflowWrap: "anywhere" }}>
                  {ticket.title}
                </Link>
                <Typography variant="body2" color="textSecondary">
                  {ticket.timeZone ? (
                    <EventTime iso={ticket.eventDate} timeZone={ticket.timeZone} />
                  ) : (
                    <LocalDateTime iso={ticket.eventDate} />
                  )}{" "}
                  · {ticket.venue}
                </Typography>
              </Box>
              <Typography sx={{ fontWeight: 700, minWidth: 90 }}>
                {formatPrice(ticket.price, ticket.currency)}
              </Typography>
              <StatusChip status={ticket.status} />
              {ticket.status === "available" && !ticket.listed ? (
                <Button
                  size="small"
                  variant="contained"
                  href={`/tickets/${ticket.id}/attach`}
                  aria-label={`Attach ticket: ${ticket.title} (buyers see it only then)`}
                >
                  Attach ticket
                </Button>
              ) : null}
              {ticket.status === "available" ? (
                <Button
                  size="small"
                  variant="outlined"
                  href={`/tickets/${ticket.id}/edit`}
                  aria-label={`Edit ${ticket.title}`}
                >
                  Edit
                </Button>
              ) : null}
              {ticket.status === "available" ? <WithdrawButton id={ticket.id} title={ticket.title} /> : null}
            </CardRow>
          ))}
        </CardList>
      ) : null}
      {pages > 1 ? <TicketPagination page={page} pages={pages} basePath="/tickets/mine" params={{}} /> : null}
    </>
  );
}
