"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Typography from "@mui/material/Typography";
import {
  DISPATCH_ACTION,
  PayPalButtons,
  PayPalScriptProvider,
  type ReactPayPalScriptOptions,
  usePayPalScriptReducer,
} from "@paypal/react-paypal-js";
import { useMemo } from "react";
import { CapturingNotice } from "./CapturingNotice";
import type { CheckoutApi } from "./checkout-api";
import { useCheckout } from "./useCheckout";

export interface PayPalSdkCheckoutProps {
  orderId: string;
  currency: string;
  clientId: string;
  /** Another SDK location (default https://www.paypal.com/sdk/js). */
  sdkUrl?: string | null;
  api: CheckoutApi;
}

/** The real PayPal buttons: PayPal's SDK opens its own approval window and calls us back. */
export function PayPalSdkCheckout({ orderId, currency, clientId, sdkUrl, api }: PayPalSdkCheckoutProps) {
  const options = useMemo<ReactPayPalScriptOptions>(
    () => ({
      clientId,
      currency,
      intent: "capture",
      components: "buttons",
      ...(sdkUrl ? { sdkBaseUrl: sdkUrl } : {}),
    }),
    [clientId, currency, sdkUrl],
  );
  return (
    <PayPalScriptProvider options={options}>
      <SdkButtons orderId={orderId} api={api} options={options} />
    </PayPalScriptProvider>
  );
}

function SdkButtons({
  orderId,
  api,
  options,
}: {
  orderId: string;
  api: CheckoutApi;
  options: ReactPayPalScriptOptions;
}) {
  const [{ isPending, isRejected, isInitial }, dispatch] = usePayPalScriptReducer();
  const { state, start, capture, fail, reset } = useCheckout(orderId, api);

  if (isRejected) {
    return (
      <Alert
        severity="error"
        role="alert"
        action={
          <Button
            color="inherit"
            onClick={() => dispatch({ type: DISPATCH_ACTION.RESET_OPTIONS, value: { ...options } })}
          >
            Retry
          </Button>
        }
      >
        PayPal could not be loaded. Check your internet connection or turn off content blockers for this site, then
        retry.
      </Alert>
    );
  }
  if (isPending || isInitial) {
    return (
      <Box role="status" sx={{ display: "flex", gap: 2, alignItems: "center", minHeight: 56 }}>
        <CircularProgress size={24} aria-hidden />
        <Typography>Loading PayPal…</Typography>
      </Box>
    );
  }
  if (state.phase === "capturing") return <CapturingNotice />;
  if (state.phase === "paid") return null;

  return (
    <Box sx={{ display: "grid", gap: 2, maxWidth: 480 }}>
      {state.phase === "error" && state.error ? (
        <Alert severity="error" role="alert" onClose={reset}>
          {state.error}
        </Alert>
      ) : null}
      <PayPalButtons
        style={{ layout: "vertical", label: "pay" }}
        createOrder={async () => (await start()).id}
        onApprove={async (data) => {
          await capture(data.orderID);
        }}
        onCancel={() => fail("You closed PayPal before approving. You can pay again while the order is reserved.")}
        onError={() => fail("PayPal reported a problem with this payment. Please try again.", true)}
      />
    </Box>
  );
}
