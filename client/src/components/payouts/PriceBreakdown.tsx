import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { formatPrice } from "@/lib/format";

/**
 * What the buyer pays, before paying: the ticket's price, the service fee, and the total
 * PayPal will be asked for (the API's breakdown, common/src/fees.ts).
 */
export function PriceBreakdown({
  breakdown,
  currency,
}: {
  breakdown: { price: string; buyerFee: string; total: string };
  currency: string;
}) {
  const rows: Array<[string, string, boolean]> = [
    ["Ticket price", breakdown.price, false],
    ["Service fee", breakdown.buyerFee, false],
    ["Total", breakdown.total, true],
  ];
  return (
    <Box
      component="dl"
      data-testid="price-breakdown"
      aria-label="Price breakdown"
      sx={{
        display: "grid",
        gridTemplateColumns: "auto auto",
        justifyContent: "start",
        columnGap: 3,
        rowGap: 0.5,
        m: 0,
      }}
    >
      {rows.map(([label, amount, total]) => (
        <Box key={label} sx={{ display: "contents" }}>
          <Typography component="dt" sx={{ fontWeight: total ? 700 : 400 }}>
            {label}
          </Typography>
          <Typography component="dd" sx={{ m: 0, textAlign: "right", fontWeight: total ? 700 : 400 }}>
            {formatPrice(amount, currency)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
