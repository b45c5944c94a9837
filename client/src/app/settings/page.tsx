import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import type { ReactNode } from "react";
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
        <SettingsSection title="Profile" headingId="profile-heading">
          <ProfileForm key={`${user.id}:${user.photoUrl}:${user.name}`} user={user} />
        </SettingsSection>
        <SettingsSection title="Password" headingId="password-heading">
          <PasswordForm />
        </SettingsSection>
        <SettingsSection title="Payouts" headingGap={1}>
          <Link href="/settings/payouts">Where your sales are paid</Link> ·{" "}
          <Link href="/sales">Sales &amp; payouts</Link>
        </SettingsSection>
        <SettingsSection title="E-mail" headingGap={1}>
          <Link href="/settings/notifications">Choose which e-mails we send you</Link>
        </SettingsSection>
        <SettingsSection title="Sessions" headingId="sessions-heading">
          <SignOutEverywhere />
        </SettingsSection>
      </Box>
    </>
  );
}

/** One card of the settings page: a heading (named by `headingId` when the card is a labelled region) and its content. */
function SettingsSection({
  title,
  headingId,
  headingGap = 2,
  children,
}: {
  title: string;
  headingId?: string;
  headingGap?: number;
  children: ReactNode;
}) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={headingId} sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography id={headingId} variant="h2" component="h2" sx={{ mb: headingGap }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}
