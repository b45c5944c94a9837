"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { type FormEvent, useState } from "react";
import { ApiError } from "@/lib/api-error";
import { useToast } from "../app/useToast";
import { type PayoutAccount, type PayoutsApi, payoutsApi } from "./payouts-api";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Where the seller is paid: a PayPal account's e-mail address. Changing an existing one
 * needs a sign-in less than 15 minutes old (the service answers 403 otherwise: we say so
 * and link to sign in again).
 */
export function PayoutAccountForm({
  initial,
  api = payoutsApi,
}: {
  initial: PayoutAccount | null;
  api?: Pick<PayoutsApi, "setPayoutAccount">;
}) {
  const toast = useToast();
  const [account, setAccount] = useState(initial);
  const [email, setEmail] = useState(initial?.paypalEmail ?? "");
  const [error, setError] = useState<string | null>(null);
  const [reauth, setReauth] = useState(false);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setReauth(false);
    if (!EMAIL.test(email.trim())) {
      setError("Enter the e-mail address of your PayPal account");
      document.getElementById("payout-email")?.focus();
      return;
    }
    setError(null);
    setSending(true);
    try {
      const { payoutAccount } = await api.setPayoutAccount(email.trim());
      setAccount(payoutAccount);
      setEmail(payoutAccount.paypalEmail);
      toast("Payouts will go to this PayPal account.", "success");
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) setReauth(true);
      else if (err instanceof ApiError && err.errors.some((i) => i.field === "paypalEmail"))
        setError("Enter the e-mail address of your PayPal account");
      else setError("Could not save it just now. Please try again.");
    } finally {
      setSending(false);
    }
  };

  return (
    <Box component="form" noValidate onSubmit={submit} aria-label="Payout account" sx={{ display: "grid", gap: 2 }}>
      <Typography>
        {account
          ? `Your sales are paid to the PayPal account ${account.paypalEmail}.`
          : "Add the PayPal account your sales are paid to. Sales wait for it."}
      </Typography>
      {reauth ? (
        <Alert severity="warning" role="alert">
          To change where you are paid, sign out and sign in again first (your sign-in must be less than 15 minutes
          old): it protects your money if someone else got hold of your session.
        </Alert>
      ) : null}
      <TextField
        id="payout-email"
        label="PayPal e-mail address"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={error !== null}
        helperText={error ?? "We send each payout there through PayPal"}
      />
      <Box>
        <Button type="submit" variant="contained" loading={sending}>
          {account ? "Change payout account" : "Save payout account"}
        </Button>
      </Box>
    </Box>
  );
}
