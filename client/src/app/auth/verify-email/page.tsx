import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/AuthCard";
import { TokenAction } from "@/components/mail/TokenAction";

export const metadata: Metadata = { title: "Verify your e-mail address" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Verify your e-mail address">
      <Typography>Confirm this address is yours: then you can sell tickets too.</Typography>
      <TokenAction action="verify-email" token={typeof token === "string" ? token : ""} />
    </AuthCard>
  );
}
