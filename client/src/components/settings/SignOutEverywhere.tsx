"use client";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signOutEverywhere } from "@/lib/api";
import { useToast } from "../app/useToast";

/**
 * Ends every session of the account, on every device and in every service (a lost phone,
 * a shared computer). The only way to do it for an account that signs in with Google only.
 */
export function SignOutEverywhere({ request = signOutEverywhere }: { request?: typeof signOutEverywhere }) {
  const router = useRouter();
  const toast = useToast();
  const [sending, setSending] = useState(false);

  const onClick = async () => {
    setSending(true);
    try {
      await request();
      toast("You are signed out on every device.", "success");
      router.push("/auth/signin");
      router.refresh();
    } catch (err) {
      toast.error(err);
      setSending(false);
    }
  };

  return (
    <Box>
      <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
        Signs this account out on every device and browser, this one included.
      </Typography>
      <Button variant="outlined" color="error" onClick={onClick} disabled={sending}>
        Sign out of all devices
      </Button>
    </Box>
  );
}
