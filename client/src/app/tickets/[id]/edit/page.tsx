import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { StatusChip } from "@/components/common/StatusChip";
import { EditTicketForm } from "@/components/tickets/SellTicketForm";
import type { Ticket } from "@/lib/api-types";
import { requireUser, serverGetOrNavigate } from "@/lib/server-api";

export const metadata: Metadata = { title: "Edit listing" };

export default async function EditTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/tickets/${id}/edit`;
  const user = await requireUser(path);
  const { ticket } = await serverGetOrNavigate<{ ticket: Ticket }>(`/api/tickets/${encodeURIComponent(id)}`, path);

  if (ticket.userId !== user.id) {
    return (
      <>
        <PageTitle>Edit listing</PageTitle>
        <Alert severity="error" action={<Button href={`/tickets/${id}`}>View ticket</Button>}>
          Only the seller can edit this ticket.
        </Alert>
      </>
    );
  }
  if (ticket.status !== "available") {
    return (
      <>
        <PageTitle actions={<StatusChip status={ticket.status} size="medium" />}>Edit listing</PageTitle>
        <Alert severity="info" action={<Button href={`/tickets/${id}`}>View ticket</Button>}>
          This ticket is {ticket.status}, so it can no longer be edited.
        </Alert>
      </>
    );
  }
  return (
    <>
      <PageTitle>Edit listing</PageTitle>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 760 }}>
        <EditTicketForm
          id={ticket.id}
          currency={ticket.currency}
          ticket={{
            title: ticket.title,
            price: ticket.price,
            eventDateIso: ticket.eventDate,
            venue: ticket.venue,
            description: ticket.description ?? "",
          }}
        />
      </Paper>
    </>
  );
}
