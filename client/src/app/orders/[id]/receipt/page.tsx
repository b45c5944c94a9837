import Box from "@mui/material/Box";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { PrintButton } from "@/components/payouts/PrintButton";
import type { Order, Payment } from "@/lib/api-types";
import { formatDateTime, formatPrice } from "@/lib/format";
import { requireUser, serverGet, serverGetOrNavigate } from "@/lib/server-api";

export const metadata: Metadata = { title: "Receipt" };

/** A paid order's receipt: what was bought, price, service fee, total, PayPal's references and the dates. */
export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/orders/${id}/receipt`;
  const user = await requireUser(path);
  const { order } = await serverGetOrNavigate<{ order: Order }>(`/api/orders/${encodeURIComponent(id)}`, path);
  const { payments } = await serverGet<{ payments: Payment[] }>(`/api/payments?orderId=${encodeURIComponent(id)}`);
  const payment = payments.find((p) => p.status === "completed") ?? payments[0];
  const money = (amount: string) => formatPrice(amount, payment?.currency ?? order.ticket.currency);
  const rows: Array<[string, string]> = payment
    ? [
        ["Ticket", order.ticket.title],
        ["Order number", order.id],
        ["Ordered", formatDateTime(order.createdAt)],
        ["Paid", formatDateTime(payment.createdAt)],
        ["Ticket price", money(payment.price)],
        ["Service fee", money(payment.serviceFee)],
        ["Total paid", money(payment.amount)],
        ["Paid with", "PayPal"],
        ["PayPal order", payment.paypalOrderId],
        ["PayPal transaction", payment.captureId],
        ["Status", payment.status === "refunded" ? "Refunded" : "Paid"],
      ]
    : [];
  return (
    <>
      <PageTitle>Receipt</PageTitle>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, "@media print": { border: 0, p: 0 } }}>
        {payment ? (
          <Box
            component="dl"
            data-testid="receipt"
            sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", sm: "auto 1fr" }, columnGap: 4, rowGap: 1, m: 0 }}
          >
            {rows.map(([label, value]) => (
              <Box key={label} sx={{ display: "contents" }}>
                <Typography component="dt" color="textSecondary">
                  {label}
                </Typography>
                <Typography
                  component="dd"
                  sx={{ m: 0, overflowWrap: "anywhere", fontWeight: label === "Total paid" ? 700 : 400 }}
                >
                  {value}
                </Typography>
              </Box>
            ))}
          </Box>
        ) : (
          <Typography>This order has no payment yet.</Typography>
        )}
        <Typography variant="body2" color="textSecondary" sx={{ mt: 3 }}>
          Issued to {user.name} ({user.email}) by Ticketing.
        </Typography>
      </Paper>
      <Box sx={{ mt: 2 }}>
        <PrintButton />
      </Box>
    </>
  );
}
