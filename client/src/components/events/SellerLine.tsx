import VerifiedOutlined from "@mui/icons-material/VerifiedOutlined";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { SellerSummary } from "@/lib/api-types";
import { UserAvatar } from "../common/UserAvatar";

const MONTH_YEAR = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/**
 * Who sells a listing, as resale sites show it (issue 17 trust signals): photo or initials,
 * name, a verified e-mail, member since (month and year) and how many tickets they sold here.
 */
export function SellerLine({ seller }: { seller: SellerSummary }) {
  const facts = [
    seller.memberSince ? `Member since ${MONTH_YEAR.format(new Date(seller.memberSince))}` : null,
    seller.ticketsSold === 1 ? "1 ticket sold" : `${seller.ticketsSold} tickets sold`,
  ].filter(Boolean);
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1, minWidth: 0 }} data-testid="seller">
      <UserAvatar user={{ id: seller.id, name: seller.name, photoUrl: seller.photoUrl }} size={32} decorative />
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, display: "flex", alignItems: "center", gap: 0.5 }}>
          <span>Sold by {seller.name}</span>
          {seller.verified ? (
            <Box
              component="span"
              sx={{ display: "inline-flex", alignItems: "center", gap: 0.25, color: "success.main", fontWeight: 500 }}
            >
              <VerifiedOutlined aria-hidden sx={{ fontSize: 16 }} />
              Verified e-mail
            </Box>
          ) : null}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {facts.join(" · ")}
        </Typography>
      </Box>
    </Box>
  );
}
