"use client";
import Button from "@mui/material/Button";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { withdrawTicket } from "@/lib/api";
import { ApiError } from "@/lib/api-error";
import { useToast } from "../app/useToast";

/** Takes an available listing off the market (asks first); a 409 means someone reserved it meanwhile. */
export function WithdrawButton({ id, title }: { id: string; title: string }) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    if (!window.confirm(`Withdraw your listing for “${title}”? Buyers will no longer see it.`)) return;
    setBusy(true);
    try {
      await withdrawTicket(id);
      toast("Your listing is withdrawn.", "success");
      router.refresh();
    } catch (err) {
      toast(
        err instanceof ApiError && err.status === 409
          ? "Someone reserved this ticket meanwhile, so it can no longer be withdrawn."
          : "The listing could not be withdrawn; try again.",
        "error",
      );
      router.refresh();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      color="error"
      variant="outlined"
      onClick={withdraw}
      loading={busy}
      aria-label={`Withdraw ${title}`}
    >
      Withdraw
    </Button>
  );
}
