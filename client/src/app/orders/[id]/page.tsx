import Breadcrumbs from "@mui/material/Breadcrumbs";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { OrderClaims } from "@/components/claims/OrderClaims";
import { PageTitle } from "@/components/common/PageTitle";
import { OrderView } from "@/components/orders/OrderView";
import { PriceBreakdown } from "@/components/payouts/PriceBreakdown";
import type { Order, Ticket } from "@/lib/api-types";
import { requireUser, serverGet, serverGetOrNavigate } from "@/lib/server-api";
import { CheckoutStore } from "@/store/CheckoutStore";

type Charge = { price: string; buyerFee: string; total: string; currency: string };

/** What payments will ask PayPal for (price + service fee); null until payments knows the order. */
async function chargeOf(orderId: string): Promise<Charge | null> {
  try {
    return (await serverGet<{ order: Charge }>(`/api/payments/fees?orderId=${encodeURIComponent(orderId)}`)).order;
  } catch {
    return null;
  }
}

export const metadata: Metadata = { title: "Your order" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/orders/${id}`;
  await requireUser(path);
  // 404 also for someone else's order: the orders service does not reveal it exists.
  const { order } = await serverGetOrNavigate<{ order: Order }>(`/api/orders/${encodeURIComponent(id)}`, path);
  // Event date, venue, seat and seller come from the listing; the order stands without them.
  const ticket = await serverGet<{ ticket: Ticket }>(`/api/tickets/${encodeURIComponent(order.ticket.id)}`)
    .then((r) => r.ticket)
    .catch(() => null);
  const charge = order.status === "created" ? await chargeOf(order.id) : null;
  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 2 }}>
        <Link href="/orders" underline="hover" color="inherit">
          My orders
        </Link>
        <Typography color="textPrimary" aria-current="page">
          Order
        </Typography>
      </Breadcrumbs>
      <PageTitle>Your order</PageTitle>
      {charge ? (
        <Paper variant="outlined" component="section" aria-label="What you pay" sx={{ p: { xs: 2, sm: 3 }, mb: 2 }}>
          <PriceBreakdown breakdown={charge} currency={charge.currency} />
        </Paper>
      ) : null}
      <CheckoutStore>
        <OrderView initialOrder={order} ticket={ticket} />
      </CheckoutStore>
      {order.status === "complete" ? (
        <Typography sx={{ mt: 2 }}>
          <Link href={`/orders/${order.id}/receipt`}>Receipt</Link>
        </Typography>
      ) : null}
      {/* Buyer protection (claims) once the order is paid. */}
      {order.status === "complete" ? <OrderClaims orderId={order.id} /> : null}
    </>
  );
}
