import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { formatDateTime, formatPrice } from "@/lib/format";
import type { Sale } from "./payouts-api";

const COLORS: Record<Sale["status"], string> = {
  held: "text.secondary",
  "on-hold": "warning.main",
  sent: "info.main",
  paid: "success.main",
  unclaimed: "warning.main",
  failed: "error.main",
  refunded: "text.secondary",
};

/** The payout's state in words: `held until <local date>`, `on hold: claim open`, `paid`, … */
export function saleStatusText(sale: Sale): string {
  if (sale.status === "held" && sale.heldUntil) return `Held until ${formatDateTime(sale.heldUntil)}`;
  if (sale.status === "unclaimed") return `Unclaimed: create or confirm the PayPal account ${sale.paidTo ?? ""}`.trim();
  return sale.statusText[0]!.toUpperCase() + sale.statusText.slice(1);
}

/** A seller's sales with what each pays out and where its payout is. */
export function SalesList({ sales, hasPayoutAccount }: { sales: Sale[]; hasPayoutAccount: boolean }) {
  return (
    <Box sx={{ display: "grid", gap: 2 }}>
      {!hasPayoutAccount && sales.some((s) => s.needsPayoutAccount || s.status === "held") ? (
        <Alert severity="warning">
          Add a <Link href="/settings/payouts">payout account</Link> so we can pay you.
        </Alert>
      ) : null}
      {sales.length === 0 ? <Typography>You have not sold a ticket yet.</Typography> : null}
      {sales.map((sale) => (
        <Paper key={sale.paymentId} variant="outlined" sx={{ p: 2 }} data-testid="sale">
          <Typography variant="h2" component="h2" sx={{ fontSize: "1.1rem", overflowWrap: "anywhere" }}>
            {sale.title ?? "Ticket"}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Sold {formatDateTime(sale.soldAt)}
            {sale.eventStartsAt ? ` · event ${formatDateTime(sale.eventStartsAt)}` : ""}
          </Typography>
          <Box
            component="dl"
            sx={{
              display: "grid",
              gridTemplateColumns: "auto auto",
              justifyContent: "start",
              columnGap: 3,
              m: 0,
              my: 1,
            }}
          >
            <dt>Price</dt>
            <Box component="dd" sx={{ m: 0 }}>
              {formatPrice(sale.price, sale.currency)}
            </Box>
            <dt>Seller fee</dt>
            <Box component="dd" sx={{ m: 0 }}>
              −{formatPrice(sale.sellerFee, sale.currency)}
            </Box>
            <Box component="dt" sx={{ fontWeight: 700 }}>
              You receive
            </Box>
            <Box component="dd" sx={{ m: 0, fontWeight: 700 }}>
              {formatPrice(sale.amountDue, sale.currency)}
            </Box>
          </Box>
          <Typography sx={{ color: COLORS[sale.status], fontWeight: 600 }} data-testid="sale-status">
            {saleStatusText(sale)}
          </Typography>
          {sale.paidAt ? (
            <Typography variant="body2" color="textSecondary">
              Paid {formatDateTime(sale.paidAt)} to {sale.paidTo}
            </Typography>
          ) : null}
        </Paper>
      ))}
    </Box>
  );
}
