"use client";
import ShoppingCartOutlined from "@mui/icons-material/ShoppingCartOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorAlert } from "@/components/common/ErrorAlert";
import { createOrder } from "@/lib/api";
import { ApiError } from "@/lib/api-error";
import type { Ticket, TicketDelivery, TicketPurchase } from "@/lib/api-types";
import { ReservedNotice } from "./ReservedNotice";
import { YouBoughtIt } from "./YouBoughtIt";

type Viewer = "anonymous" | "seller" | "buyer";

/** What the viewer can do with a ticket: buy it, edit it, or read why neither is possible. */
export function TicketActions({
  ticket,
  viewer,
  purchase = null,
  delivery = null,
  request = createOrder,
}: {
  ticket: Ticket;
  viewer: Viewer;
  /** The viewer's own paid order of this ticket, if they bought it. */
  purchase?: TicketPurchase;
  /** To the seller: the ticket they attached (its barcode's last four characters). */
  delivery?: TicketDelivery | null;
  request?: typeof createOrder;
}) {
  const router = useRouter();
  const [buying, setBuying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (ticket.status === "sold" && purchase) return <YouBoughtIt ticket={ticket} orderId={purchase.orderId} />;
  if (ticket.status === "sold") {
    return (
      <Alert severity="info" variant="outlined">
        {viewer === "seller" ? "You sold this ticket." : "This ticket has been sold."}
      </Alert>
    );
  }
  if (ticket.status === "reserved") {
    if (viewer !== "seller") return <ReservedNotice ticketId={ticket.id} signedIn={viewer === "buyer"} />;
    return (
      <Alert severity="warning" variant="outlined">
        A buyer is paying for this ticket right now. If they do not pay in time it becomes available again.
      </Alert>
    );
  }
  if (viewer === "seller") {
    return (
      <Box sx={{ display: "grid", gap: 2 }}>
        {ticket.listed ? null : (
          <Alert severity="warning" variant="outlined">
            Buyers cannot see this listing yet: attach its ticket first.
          </Alert>
        )}
        {delivery ? (
          <Typography variant="body2" color="textSecondary" data-testid="seller-delivery">
            Ticket attached: barcode ending …{delivery.barcodeEnding}
          </Typography>
        ) : null}
        <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap" }}>
          <Button variant={ticket.listed ? "outlined" : "contained"} href={`/tickets/${ticket.id}/attach`}>
            {ticket.listed ? "Replace the ticket file" : "Attach ticket"}
          </Button>
          <Button variant={ticket.listed ? "contained" : "outlined"} href={`/tickets/${ticket.id}/edit`}>
            Edit listing
          </Button>
        </Box>
      </Box>
    );
  }
  if (viewer === "anonymous") {
    return (
      <Button
        variant="contained"
        size="large"
        href={`/auth/signin?next=${encodeURIComponent(`/tickets/${ticket.id}`)}`}
      >
        Sign in to buy
      </Button>
    );
  }

  const buy = async () => {
    setBuying(true);
    setError(null);
    try {
      const { order } = await request(ticket.id);
      router.push(`/orders/${order.id}`);
    } catch (err) {
      setBuying(false);
      if (err instanceof ApiError && err.status === 404) {
        // The orders service learns of new listings a moment after they are published.
        setError("This ticket cannot be ordered just yet. Please try again in a few seconds.");
      } else if (err instanceof ApiError && err.status === 409) {
        setError("Someone else just reserved or bought this ticket. Reload to see its current state.");
      } else if (err instanceof ApiError && err.status === 401) {
        router.push(`/auth/signin?next=${encodeURIComponent(`/tickets/${ticket.id}`)}`);
      } else {
        setError(err instanceof ApiError ? err.message : "We could not create your order. Please try again.");
      }
    }
  };

  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 2, alignItems: "flex-start" }}>
      <Button
        variant="contained"
        size="large"
        startIcon={<ShoppingCartOutlined aria-hidden />}
        onClick={buy}
        loading={buying}
        loadingPosition="start"
      >
        Buy this ticket
      </Button>
      <ErrorAlert message={error} />
    </Box>
  );
}
