"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { PaypalReturnMessage } from "./return-message";

/**
 * Back from PayPal's approval page. In the popup the order page opened: tell that page
 * (same origin only) and close. In a plain tab: go to the order page, which captures.
 */
export function PaypalReturn({ orderId, token, cancelled }: { orderId: string; token: string; cancelled: boolean }) {
  const router = useRouter();
  const [stayed, setStayed] = useState(false);
  const valid = /^[\w-]{1,100}$/.test(orderId) && /^[\w-]{1,100}$/.test(token);

  useEffect(() => {
    if (!valid) return;
    const opener = window.opener as Window | null;
    if (opener && !opener.closed) {
      const message: PaypalReturnMessage = { type: "paypal-return", orderId, token, cancelled };
      try {
        opener.postMessage(message, window.location.origin);
        window.close();
      } catch {
        // fall through to the same-tab path
      }
      // Some browsers refuse to close a window a script did not open: offer the way back.
      const timer = setTimeout(() => setStayed(true), 1500);
      return () => clearTimeout(timer);
    }
    const query = new URLSearchParams({ token, ...(cancelled ? { cancelled: "1" } : {}) });
    router.replace(`/orders/${encodeURIComponent(orderId)}?${query}`);
  }, [valid, orderId, token, cancelled, router]);

  if (!valid) {
    return (
      <Alert severity="error" action={<Button href="/orders">My orders</Button>}>
        This PayPal return link is incomplete. Open your order from My orders to see where the payment stands.
      </Alert>
    );
  }
  if (stayed) {
    return (
      <Alert severity="success">
        {cancelled ? "Payment cancelled." : "Payment approved."} You can close this window and return to your order.
      </Alert>
    );
  }
  return (
    <Alert severity="info" icon={<CircularProgress size={20} />} role="status">
      Returning to your order…
    </Alert>
  );
}
