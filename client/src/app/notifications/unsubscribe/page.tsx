import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/AuthCard";
import { TokenAction } from "@/components/mail/TokenAction";

export const metadata: Metadata = { title: "Unsubscribe" };

export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Unsubscribe">
      <Typography>
        Stop these e-mails? Order and account e-mails (confirmations, password changes) are always sent.
      </Typography>
      <TokenAction action="unsubscribe" token={typeof token === "string" ? token : ""} />
    </AuthCard>
  );
}
