import Link from "@mui/material/Link";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import type { PayoutAccount, Sale } from "@/components/payouts/payouts-api";
import { SalesList } from "@/components/payouts/SalesList";
import { requireUser, serverGet } from "@/lib/server-api";

export const metadata: Metadata = { title: "Sales & payouts" };

export default async function SalesPage() {
  await requireUser("/sales");
  const [{ sales }, { payoutAccount }] = await Promise.all([
    serverGet<{ sales: Sale[] }>("/api/payments/sales"),
    serverGet<{ payoutAccount: PayoutAccount | null }>("/api/payments/payout-account"),
  ]);
  return (
    <>
      <PageTitle>Sales &amp; payouts</PageTitle>
      <Typography sx={{ mb: 2 }}>
        {payoutAccount ? (
          <>
            Payouts go to {payoutAccount.paypalEmail} (<Link href="/settings/payouts">change</Link>).
          </>
        ) : (
          <Link href="/settings/payouts">Add a payout account</Link>
        )}
      </Typography>
      <SalesList sales={sales} hasPayoutAccount={payoutAccount !== null} />
    </>
  );
}
