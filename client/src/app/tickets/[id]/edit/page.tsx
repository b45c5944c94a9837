import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { StatusChip } from "@/components/common/StatusChip";
import { EditListing } from "@/components/tickets/EditListingForm";
import type { Ticket } from "@/lib/api-types";
import { serverConfig } from "@/lib/config";
import { formatEventTime } from "@/lib/format";
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
        {/* The event is shared by every listing of it: shown, not edited here. */}
        <Alert severity="info" icon={false} data-testid="listing-event" sx={{ mb: 2 }}>
          <strong>{ticket.title}</strong> — {ticket.venue} ·{" "}
          {formatEventTime(ticket.eventDate, ticket.timeZone ?? "UTC")}
        </Alert>
        <EditListing
          id={ticket.id}
          currency={ticket.currency}
          capPercent={serverConfig().priceCapPercent}
          initial={{
            price: ticket.price,
            faceValue: ticket.faceValue ?? "",
            section: ticket.section ?? "",
            row: ticket.row ?? "",
            seat: ticket.seat ?? "",
            description: ticket.description ?? "",
          }}
        />
      </Paper>
    </>
  );
}
