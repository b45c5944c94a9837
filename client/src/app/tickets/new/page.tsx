import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { NewTicketForm } from "@/components/tickets/SellTicketForm";
import { requireUser } from "@/lib/server-api";

export const metadata: Metadata = { title: "Sell a ticket" };

export default async function SellPage() {
  await requireUser("/tickets/new");
  return (
    <>
      <PageTitle>Sell a ticket</PageTitle>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 760 }}>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          Buyers see your listing as soon as you publish it. You can edit it until someone reserves it.
        </Typography>
        <NewTicketForm />
      </Paper>
    </>
  );
}
