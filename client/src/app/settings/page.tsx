import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { PasswordForm } from "@/components/settings/PasswordForm";
import { ProfileForm } from "@/components/settings/ProfileForm";
import { SignOutEverywhere } from "@/components/settings/SignOutEverywhere";
import { requireUser } from "@/lib/server-api";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <Box sx={{ display: "grid", gap: 3, gridTemplateColumns: { xs: "1fr", md: "3fr 2fr" }, alignItems: "start" }}>
        <Paper variant="outlined" component="section" aria-labelledby="profile-heading" sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography id="profile-heading" variant="h2" component="h2" sx={{ mb: 2 }}>
            Profile
          </Typography>
          <ProfileForm key={`${user.id}:${user.photoUrl}:${user.name}`} user={user} />
        </Paper>
        <Paper variant="outlined" component="section" aria-labelledby="password-heading" sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography id="password-heading" variant="h2" component="h2" sx={{ mb: 2 }}>
            Password
          </Typography>
          <PasswordForm />
        </Paper>
        <Paper variant="outlined" component="section" sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h2" component="h2" sx={{ mb: 1 }}>
            Payouts
          </Typography>
          <Link href="/settings/payouts">Where your sales are paid</Link> ·{" "}
          <Link href="/sales">Sales &amp; payouts</Link>
        </Paper>
        <Paper variant="outlined" component="section" sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h2" component="h2" sx={{ mb: 1 }}>
            E-mail
          </Typography>
          <Link href="/settings/notifications">Choose which e-mails we send you</Link>
        </Paper>
        <Paper variant="outlined" component="section" aria-labelledby="sessions-heading" sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography id="sessions-heading" variant="h2" component="h2" sx={{ mb: 2 }}>
            Sessions
          </Typography>
          <SignOutEverywhere />
        </Paper>
      </Box>
    </>
  );
}
