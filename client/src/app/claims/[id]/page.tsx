import Breadcrumbs from "@mui/material/Breadcrumbs";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { ClaimView } from "@/components/claims/ClaimView";
import type { Claim } from "@/components/claims/claims-api";
import { PageTitle } from "@/components/common/PageTitle";
import { requireUser, serverGetOrNavigate } from "@/lib/server-api";

export const metadata: Metadata = { title: "Claim" };

/** One buyer-protection claim, for its buyer, its seller or an administrator. */
export default async function ClaimPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/claims/${id}`;
  const user = await requireUser(path);
  const { claim } = await serverGetOrNavigate<{ claim: Claim }>(`/api/payments/claims/${encodeURIComponent(id)}`, path);
  const viewer = claim.buyerId === user.id ? "buyer" : claim.sellerId === user.id ? "seller" : "admin";
  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 2 }}>
        {viewer === "buyer" ? (
          <Link href={`/orders/${claim.orderId}`} underline="hover" color="inherit">
            Your order
          </Link>
        ) : (
          <Link href="/claims" underline="hover" color="inherit">
            Claims
          </Link>
        )}
        <Typography color="textPrimary" aria-current="page">
          Claim
        </Typography>
      </Breadcrumbs>
      <PageTitle>{viewer === "seller" ? "A buyer reported a problem" : "Your claim"}</PageTitle>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 } }}>
        <ClaimView initialClaim={claim} viewer={viewer} />
      </Paper>
    </>
  );
}
