import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { CardList } from "@/components/common/CardList";
import { LocalDateTime } from "../common/LocalDateTime";
import { type Claim, reasonLabel } from "./claims-api";

const STATUS_WORDS: Record<Claim["status"], { label: string; color: "info" | "success" | "default" }> = {
  open: { label: "Open", color: "info" },
  refunded: { label: "Refunded", color: "success" },
  rejected: { label: "Rejected", color: "default" },
};

/** The user's claims, as buyer and as seller, each linking to its page. */
export function ClaimsList({ claims, userId }: { claims: Claim[]; userId: string }) {
  if (claims.length === 0) {
    return (
      <Typography>
        No claims. If something is wrong with a ticket you bought, open the order and choose &ldquo;Report a
        problem&rdquo; (<Link href="/buyer-protection">how buyer protection works</Link>).
      </Typography>
    );
  }
  return (
    <CardList>
      {claims.map((claim) => {
        const status = STATUS_WORDS[claim.status];
        return (
          <li key={claim.id}>
            <Paper variant="outlined" sx={{ p: 2, display: "flex", flexWrap: "wrap", gap: 1, alignItems: "center" }}>
              <Box sx={{ flex: "1 1 16rem", minWidth: 0 }}>
                <Link href={`/claims/${claim.id}`} sx={{ fontWeight: 600 }}>
                  {reasonLabel(claim.reason)}
                </Link>
                <Typography variant="body2" color="textSecondary">
                  {claim.buyerId === userId ? "You bought" : "You sold"} · opened{" "}
                  <LocalDateTime iso={claim.createdAt} />
                </Typography>
              </Box>
              <Chip label={status.label} color={status.color} size="small" />
            </Paper>
          </li>
        );
      })}
    </CardList>
  );
}
