import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { PayoutAccountForm } from "@/components/payouts/PayoutAccountForm";
import type { PayoutAccount } from "@/components/payouts/payouts-api";
import { requireUser, serverGet } from "@/lib/server-api";

export const metadata: Metadata = { title: "Payouts" };

export default async function PayoutSettingsPage() {
  await requireUser("/settings/payouts");
  const { payoutAccount } = await serverGet<{ payoutAccount: PayoutAccount | null }>("/api/payments/payout-account");
  return (
    <>
      <PageTitle>Payouts</PageTitle>
      <Paper
        variant="outlined"
        component="section"
        aria-labelledby="payout-heading"
        sx={{ p: { xs: 2, sm: 3 }, mb: 2 }}
      >
        <Typography id="payout-heading" variant="h2" component="h2" sx={{ mb: 2 }}>
          Payout account
        </Typography>
        <PayoutAccountForm initial={payoutAccount} />
      </Paper>
      <Typography>
        Each sale is paid out after its event has taken place, unless the buyer reports a problem.{" "}
        <Link href="/sales">See your sales and payouts</Link>.
      </Typography>
    </>
  );
}
