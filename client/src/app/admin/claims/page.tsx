import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminClaims } from "@/components/claims/AdminClaims";
import type { Claim } from "@/components/claims/claims-api";
import { PageTitle } from "@/components/common/PageTitle";
import { requireUser, serverGetOrNavigate } from "@/lib/server-api";

export const metadata: Metadata = { title: "Open claims" };

/** Administrators only (ADMIN_EMAILS): the open buyer-protection claims to decide. */
export default async function AdminClaimsPage() {
  const user = (await requireUser("/admin/claims")) as { admin?: boolean };
  if (user.admin !== true) notFound();
  const { claims } = await serverGetOrNavigate<{ claims: Array<Claim & { sellerFlags?: number }> }>(
    "/api/payments/admin/claims?status=open",
    "/admin/claims",
  );
  return (
    <>
      <PageTitle>Open claims</PageTitle>
      <AdminClaims initialClaims={claims} />
    </>
  );
}
