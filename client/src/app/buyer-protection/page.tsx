import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { publicClaimWindow } from "@/lib/claim-window";

export const metadata: Metadata = { title: "Buyer protection" };

/** What we guarantee a buyer, until when, and how to claim. */
export default function BuyerProtectionPage() {
  const window = publicClaimWindow();
  return (
    <>
      <PageTitle>Buyer protection</PageTitle>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, display: "grid", gap: 3, maxWidth: "48rem" }}>
        <Box component="section" aria-labelledby="bp-what">
          <Typography id="bp-what" variant="h2" component="h2" sx={{ fontSize: "1.3rem", mb: 1 }}>
            What is guaranteed
          </Typography>
          <Typography>
            Every ticket bought here is covered. If the ticket does not arrive, does not get you in at the door, or is
            not what the listing described, you get your money back in full: the ticket price and the service fee, to
            the PayPal account you paid with.
          </Typography>
        </Box>
        <Box component="section" aria-labelledby="bp-until">
          <Typography id="bp-until" variant="h2" component="h2" sx={{ fontSize: "1.3rem", mb: 1 }}>
            Until when
          </Typography>
          <Typography>
            From the moment you pay until {window} after the event starts. We hold the seller&apos;s money until then,
            so nobody is paid for a ticket that did not work.
          </Typography>
        </Box>
        <Box component="section" aria-labelledby="bp-how">
          <Typography id="bp-how" variant="h2" component="h2" sx={{ fontSize: "1.3rem", mb: 1 }}>
            How to claim
          </Typography>
          <Box component="ol" sx={{ pl: 3, m: 0, display: "grid", gap: 0.5 }}>
            <li>
              Open your order under <Link href="/orders">My orders</Link>.
            </li>
            <li>Choose &ldquo;Report a problem&rdquo;, say what went wrong and what happened.</li>
            <li>The seller can answer; our team reads both sides and decides, usually within two days.</li>
            <li>
              If we uphold your claim, the full amount goes back to your PayPal account. You see the outcome on the
              order.
            </li>
          </Box>
        </Box>
      </Paper>
    </>
  );
}
