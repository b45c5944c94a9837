import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { SellForm } from "@/components/tickets/SellForm";
import type { Event } from "@/lib/api-types";
import { serverConfig } from "@/lib/config";
import { requireUser, serverGet } from "@/lib/server-api";

export const metadata: Metadata = { title: "Sell tickets" };

export default async function SellPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { eventId } = await searchParams;
  const id = typeof eventId === "string" && /^[0-9a-f-]{36}$/i.test(eventId) ? eventId : null;
  await requireUser(id ? `/tickets/new?eventId=${id}` : "/tickets/new");
  // Opened from an event page: that event is already picked.
  const initial = id ? await serverGet<{ event: Event }>(`/api/events/${id}`).catch(() => null) : null;
  return (
    <>
      <PageTitle>Sell tickets</PageTitle>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 860 }}>
        <Typography color="textSecondary" sx={{ mb: 3 }}>
          Describe your tickets, then attach each one's e-ticket (PDF, PNG or JPEG): buyers see a listing once its
          ticket is attached. You can edit or withdraw it until someone reserves it.
        </Typography>
        <SellForm initialEvent={initial?.event ?? null} capPercent={serverConfig().priceCapPercent} />
      </Paper>
    </>
  );
}
