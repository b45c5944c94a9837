import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/AuthCard";
import { ForgotPasswordForm } from "@/components/mail/ForgotPasswordForm";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password?">
      <Typography>
        Enter the address you signed up with and we will e-mail you a link to choose a new password.
      </Typography>
      <ForgotPasswordForm />
    </AuthCard>
  );
}
