import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Typography from "@mui/material/Typography";
import { CardRow } from "@/components/common/CardList";
import type { SellerSummary, Ticket } from "@/lib/api-types";
import { formatPrice } from "@/lib/format";
import { SellerLine } from "./SellerLine";

/**
 * One listing on an event's page: price, seat, face value and a link. The viewer's own
 * listings are marked "Your listing" and lead to managing it (issue 17 item 8).
 */
export function ListingRow({
  ticket,
  own,
  seller = null,
}: {
  ticket: Ticket;
  own: boolean;
  /** Who sells it (null when the seller summaries could not be read). */
  seller?: SellerSummary | null;
}) {
  return (
    <CardRow testId="listing">
      <Typography sx={{ fontWeight: 700, fontSize: "1.2rem", minWidth: 100 }}>
        {formatPrice(ticket.price, ticket.currency)}
      </Typography>
      {own ? (
        <Chip label="Your listing" color="primary" variant="outlined" size="small" data-testid="own-listing" />
      ) : null}
      <Typography sx={{ flex: "1 1 200px" }} color="textSecondary">
        {[
          ticket.section && `Section ${ticket.section}`,
          ticket.row && `Row ${ticket.row}`,
          ticket.seat && `Seat ${ticket.seat}`,
        ]
          .filter(Boolean)
          .join(" · ") || "Standing / unnumbered"}
        {ticket.faceValue ? ` · face value ${formatPrice(ticket.faceValue, ticket.currency)}` : ""}
      </Typography>
      {seller && !own ? (
        <Box sx={{ flexBasis: "100%" }}>
          <SellerLine seller={seller} />
        </Box>
      ) : null}
      <Button variant={own ? "outlined" : "contained"} href={`/tickets/${ticket.id}`}>
        View
      </Button>
    </CardRow>
  );
}
