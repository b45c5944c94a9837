// The seller attaches (or, until someone reserves it, replaces) the ticket of a listing.
// After listing several tickets at once, `then` names the ones still waiting for theirs.
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { AttachTicketForm } from "@/components/tickets/AttachTicketForm";
import type { Ticket } from "@/lib/api-types";
import { requireUser, serverGetOrNavigate } from "@/lib/server-api";

export const metadata: Metadata = { title: "Attach your ticket" };

const ID = /^[0-9a-f-]{36}$/i;

export default async function AttachTicketPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { then } = await searchParams;
  const path = `/tickets/${id}/attach`;
  const user = await requireUser(path);
  const { ticket } = await serverGetOrNavigate<{ ticket: Ticket }>(`/api/tickets/${encodeURIComponent(id)}`, path);

  if (ticket.userId !== user.id || ticket.status !== "available") {
    return (
      <>
        <PageTitle>Attach your ticket</PageTitle>
        <Alert severity="info" action={<Button href={`/tickets/${id}`}>View ticket</Button>}>
          {ticket.userId !== user.id
            ? "Only the seller can attach this ticket."
            : `This ticket is ${ticket.status}: its file can no longer be changed.`}
        </Alert>
      </>
    );
  }
  const rest = (typeof then === "string" ? then.split(",") : []).filter((t) => ID.test(t));
  const [next, ...after] = rest;
  const nextHref = next
    ? `/tickets/${next}/attach${after.length ? `?then=${after.join(",")}` : ""}`
    : `/tickets/${ticket.id}`;
  const nextLabel = next ? `Attach the next ticket (${rest.length} left)` : "View your listing";

  return (
    <>
      <PageTitle>{ticket.listed ? "Replace your ticket" : "Attach your ticket"}</PageTitle>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 860 }}>
        <Typography sx={{ fontWeight: 600 }}>{ticket.title}</Typography>
        <Typography color="textSecondary" sx={{ mb: 3 }}>
          {[
            ticket.venue,
            ticket.section && `Section ${ticket.section}`,
            ticket.row && `Row ${ticket.row}`,
            ticket.seat && `Seat ${ticket.seat}`,
          ]
            .filter(Boolean)
            .join(" · ")}
          <br />
          {ticket.listed
            ? "Buyers see this listing. You can replace its ticket until someone reserves it."
            : "Buyers see this listing once its ticket is attached. A barcode already listed by anyone is refused."}
        </Typography>
        <AttachTicketForm ticketId={ticket.id} nextHref={nextHref} nextLabel={nextLabel} replacing={ticket.listed} />
      </Paper>
    </>
  );
}
