// One ticket: details, seller, status, and what the viewer can do with it.
import CalendarMonthOutlined from "@mui/icons-material/CalendarMonthOutlined";
import PersonOutlined from "@mui/icons-material/PersonOutlined";
import PlaceOutlined from "@mui/icons-material/PlaceOutlined";
import Box from "@mui/material/Box";
import Breadcrumbs from "@mui/material/Breadcrumbs";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { cache, type ReactNode } from "react";
import { LocalDateTime } from "@/components/common/LocalDateTime";
import { StatusChip } from "@/components/common/StatusChip";
import { EventTime } from "@/components/events/EventTime";
import { SellerLine } from "@/components/events/SellerLine";
import { PriceBreakdown } from "@/components/payouts/PriceBreakdown";
import { TicketActions } from "@/components/tickets/TicketActions";
import type { SellerSummary, Ticket, TicketDelivery, TicketPurchase } from "@/lib/api-types";
import { formatPrice } from "@/lib/format";
import { currentUser, serverGet, serverGetOrNavigate } from "@/lib/server-api";

type Props = { params: Promise<{ id: string }> };

// Shared by generateMetadata and the page: one request per render.
const loadPage = cache((id: string) =>
  serverGetOrNavigate<{ ticket: Ticket; purchase: TicketPurchase }>(
    `/api/tickets/${encodeURIComponent(id)}`,
    `/tickets/${id}`,
  ),
);
const loadTicket = async (id: string) => (await loadPage(id)).ticket;

/** Who sells it (trust signals, as on the event page); the page works without it. */
async function loadSeller(sellerId: string): Promise<SellerSummary | null> {
  try {
    const found = await serverGet<{ sellers: SellerSummary[] }>(
      `/api/tickets/sellers?ids=${encodeURIComponent(sellerId)}`,
    );
    return found.sellers.find((s) => s.id === sellerId) ?? null;
  } catch {
    return null;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await loadTicket(id)).title };
}

export default async function TicketPage({ params }: Props) {
  const { id } = await params;
  const [{ ticket, purchase }, user] = await Promise.all([loadPage(id), currentUser()]);
  const viewer = !user ? "anonymous" : user.id === ticket.userId ? "seller" : "buyer";
  const seller = viewer === "seller" ? "You" : (ticket.sellerName ?? "A Ticketing member");
  const sellerSummary = viewer === "seller" ? null : await loadSeller(ticket.userId);
  // The seller sees which ticket they attached ("…4821"); nobody else is told anything of it.
  const delivery =
    viewer === "seller" && ticket.listed
      ? await serverGet<{ delivery: TicketDelivery }>(`/api/tickets/${encodeURIComponent(ticket.id)}/delivery`)
          .then((r) => r.delivery)
          .catch(() => null)
      : null;

  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 2 }}>
        <Link href="/" underline="hover" color="inherit">
          Home
        </Link>
        {ticket.eventId ? (
          <Link href={`/events/${ticket.eventId}`} underline="hover" color="inherit">
            Event
          </Link>
        ) : null}
        <Typography color="textPrimary" aria-current="page" noWrap sx={{ maxWidth: "60vw" }}>
          {ticket.title}
        </Typography>
      </Breadcrumbs>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 } }}>
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 2, alignItems: "center", mb: 2 }}>
          <Typography variant="h1" component="h1" sx={{ overflowWrap: "anywhere", flex: "1 1 auto" }}>
            {ticket.title}
          </Typography>
          <Box data-testid="ticket-status">
            <StatusChip status={ticket.status} size="medium" />
          </Box>
        </Box>
        <Typography sx={{ fontSize: "2rem", fontWeight: 700, color: "primary.main", mb: 2 }}>
          {formatPrice(ticket.price, ticket.currency)}
        </Typography>
        {/* Before anyone pays: the service fee and the total, or what the seller is paid. */}
        <Box sx={{ mb: 2 }}>
          {viewer === "seller" ? (
            <Typography color="textSecondary" data-testid="you-receive">
              You receive {formatPrice(ticket.fees.sellerReceives, ticket.currency)} after our seller fee of{" "}
              {formatPrice(ticket.fees.sellerFee, ticket.currency)}.
            </Typography>
          ) : (
            <PriceBreakdown breakdown={ticket.fees} currency={ticket.currency} />
          )}
        </Box>
        {ticket.faceValue || ticket.section || ticket.row || ticket.seat ? (
          <Typography color="textSecondary" sx={{ mb: 2 }}>
            {[
              ticket.faceValue && `Face value ${formatPrice(ticket.faceValue, ticket.currency)}`,
              ticket.section && `Section ${ticket.section}`,
              ticket.row && `Row ${ticket.row}`,
              ticket.seat && `Seat ${ticket.seat}`,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Typography>
        ) : null}
        <Box component="dl" sx={{ display: "grid", gap: 1.5, m: 0, mb: 3 }}>
          <Fact icon={<CalendarMonthOutlined aria-hidden />} label="When">
            {ticket.timeZone ? (
              <EventTime iso={ticket.eventDate} timeZone={ticket.timeZone} />
            ) : (
              <LocalDateTime iso={ticket.eventDate} />
            )}
          </Fact>
          <Fact icon={<PlaceOutlined aria-hidden />} label="Where">
            {ticket.venue}
          </Fact>
          <Fact icon={<PersonOutlined aria-hidden />} label="Seller">
            {sellerSummary ? <SellerLine seller={sellerSummary} /> : seller}
          </Fact>
        </Box>
        {ticket.description ? (
          <Box sx={{ mb: 3 }}>
            <Typography variant="h2" component="h2" sx={{ fontSize: "1.1rem", mb: 1 }}>
              About this ticket
            </Typography>
            <Typography sx={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>{ticket.description}</Typography>
          </Box>
        ) : null}
        <TicketActions ticket={ticket} viewer={viewer} purchase={purchase} delivery={delivery} />
        {viewer !== "seller" ? (
          <Typography variant="body2" color="textSecondary" sx={{ mt: 2 }}>
            Covered by <Link href="/buyer-protection">buyer protection</Link>: your money back if the ticket does not
            work.
          </Typography>
        ) : null}
      </Paper>
    </>
  );
}

function Fact({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <div>
      <Typography
        component="dt"
        variant="body2"
        color="textSecondary"
        sx={{ display: "flex", gap: 1, alignItems: "center" }}
      >
        {icon}
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, pl: 4, overflowWrap: "anywhere" }}>
        {children}
      </Typography>
    </div>
  );
}
