import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { NotificationSettings } from "@/components/mail/NotificationSettings";
import type { NotificationPreferences } from "@/lib/api";
import { requireUser, serverGet } from "@/lib/server-api";

export const metadata: Metadata = { title: "E-mail settings" };

export default async function NotificationSettingsPage() {
  await requireUser("/settings/notifications");
  const { preferences } = await serverGet<{ preferences: NotificationPreferences }>("/api/notifications/preferences");
  return (
    <>
      <PageTitle>E-mail settings</PageTitle>
      <Paper variant="outlined" component="section" sx={{ p: { xs: 2, sm: 3 }, display: "grid", gap: 2 }}>
        <Typography>Order and account e-mails are always sent. Choose the others:</Typography>
        <NotificationSettings initial={preferences} />
      </Paper>
    </>
  );
}
