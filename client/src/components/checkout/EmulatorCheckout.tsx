"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Typography from "@mui/material/Typography";
import { useCallback, useEffect, useRef } from "react";
import { CapturingNotice } from "./CapturingNotice";
import type { CheckoutApi } from "./checkout-api";
import { isPaypalReturnMessage, pendingKey } from "./return-message";
import { returnUrls, useCheckout } from "./useCheckout";

const POPUP_FEATURES = "popup,width=520,height=720";

/**
 * Local development's PayPal: the payments service talks to the PayPal emulator, whose
 * approval page opens in a popup (or this tab when popups are blocked). When the buyer
 * approves, the emulator sends the popup to /checkout/return, which tells this page, and
 * we capture. Closing the popup also triggers a capture attempt (it says if not approved).
 */
export function EmulatorCheckout({
  orderId,
  emulatorUrl,
  api,
}: {
  orderId: string;
  emulatorUrl: string;
  api: CheckoutApi;
}) {
  const { state, start, capture, fail } = useCheckout(orderId, api);
  const popup = useRef<Window | null>(null);
  const watcher = useRef<ReturnType<typeof setInterval> | null>(null);

  // The payments service answers the approval link; older answers without it get the emulator's.
  const approvalUrl = (paypalOrderId: string, approveUrl: string | null) =>
    approveUrl ?? `${emulatorUrl.replace(/\/$/, "")}/checkoutnow?token=${encodeURIComponent(paypalOrderId)}`;

  const stopWatching = useCallback(() => {
    if (watcher.current) clearInterval(watcher.current);
    watcher.current = null;
  }, []);

  const settle = useCallback(
    (paypalOrderId: string, cancelled: boolean) => {
      stopWatching();
      sessionStorage.removeItem(pendingKey(orderId));
      if (cancelled) fail("You cancelled the payment at PayPal. You can pay again while the order is reserved.");
      else void capture(paypalOrderId);
    },
    [capture, fail, orderId, stopWatching],
  );

  // The return page in the popup reports approval (or cancellation) here.
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || !isPaypalReturnMessage(event.data)) return;
      if (event.data.orderId !== orderId) return;
      settle(event.data.token, event.data.cancelled);
    };
    window.addEventListener("message", onMessage);
    return () => {
      window.removeEventListener("message", onMessage);
      stopWatching();
    };
  }, [orderId, settle, stopWatching]);

  const pay = async () => {
    // Opened in the click itself (browsers block popups opened later), pointed at PayPal below.
    const win = window.open("", "paypal-approval", POPUP_FEATURES);
    popup.current = win;
    let paypalOrderId: string;
    let url: string;
    try {
      const created = await start(returnUrls(orderId));
      paypalOrderId = created.id;
      url = approvalUrl(created.id, created.approveUrl);
    } catch {
      win?.close();
      return;
    }
    sessionStorage.setItem(pendingKey(orderId), paypalOrderId);
    if (!win || win.closed) {
      window.location.assign(url); // popup blocked: approve in this tab
      return;
    }
    win.location.href = url;
    stopWatching();
    watcher.current = setInterval(() => {
      if (win.closed) settle(paypalOrderId, false);
    }, 700);
  };

  const reopen = () => {
    if (!state.paypalOrderId) return;
    const url = approvalUrl(state.paypalOrderId, state.approveUrl);
    const win = window.open(url, "paypal-approval", POPUP_FEATURES);
    if (!win) window.location.assign(url);
  };

  if (state.phase === "approving" || state.phase === "creating") {
    return (
      <Box sx={{ display: "grid", gap: 2 }}>
        <Alert severity="info" icon={<CircularProgress size={20} />}>
          {state.phase === "creating"
            ? "Contacting PayPal…"
            : "Approve the payment in the PayPal window. This page updates by itself when you are done."}
        </Alert>
        {state.phase === "approving" ? (
          <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap" }}>
            <Button variant="outlined" onClick={reopen}>
              Open the PayPal window again
            </Button>
            <Button
              variant="text"
              onClick={() => {
                // Whatever PayPal answers, the window has done its part: close it so the
                // buyer is left with one clear state here (paid, or what to do next).
                popup.current?.close();
                if (state.paypalOrderId) settle(state.paypalOrderId, false);
              }}
            >
              I have approved: complete the payment
            </Button>
          </Box>
        ) : null}
      </Box>
    );
  }
  if (state.phase === "capturing") return <CapturingNotice />;
  if (state.phase === "paid") return null; // the order view shows the result
  return (
    <Box sx={{ display: "grid", gap: 2 }}>
      {state.phase === "error" && state.error ? (
        <Alert severity="error" role="alert">
          {state.error}
        </Alert>
      ) : null}
      <Button
        variant="contained"
        size="large"
        onClick={pay}
        sx={{ bgcolor: "#ffc439", color: "#111", "&:hover": { bgcolor: "#f2b52e" } }}
      >
        {state.phase === "error" ? "Try paying again" : "Pay with PayPal (sandbox emulator)"}
      </Button>
      <Typography variant="body2" color="textSecondary">
        Local development: PayPal is replaced by an emulator. No real money moves.
      </Typography>
    </Box>
  );
}
