import type { Metadata } from "next";
import { ClaimsList } from "@/components/claims/ClaimsList";
import type { Claim } from "@/components/claims/claims-api";
import { PageTitle } from "@/components/common/PageTitle";
import { requireUser, serverGetOrNavigate } from "@/lib/server-api";

export const metadata: Metadata = { title: "Claims" };

/** Buyer-protection claims the user opened (as buyer) or received (as seller). */
export default async function ClaimsPage() {
  const user = await requireUser("/claims");
  const { claims } = await serverGetOrNavigate<{ claims: Claim[] }>("/api/payments/claims", "/claims");
  return (
    <>
      <PageTitle>Claims</PageTitle>
      <ClaimsList claims={claims} userId={user.id} />
    </>
  );
}
