"use client";
import { usePublicConfig } from "../app/PublicConfigContext";
import { type CheckoutApi, checkoutApi } from "./checkout-api";
import { EmulatorCheckout } from "./EmulatorCheckout";
import { PayPalSdkCheckout } from "./PayPalSdkCheckout";

/** Real PayPal buttons when a PayPal client id is configured, the emulator button otherwise. */
export function CheckoutPanel({
  orderId,
  currency,
  api = checkoutApi,
}: {
  orderId: string;
  currency: string;
  api?: CheckoutApi;
}) {
  const config = usePublicConfig();
  if (config.paypalClientId) {
    return (
      <PayPalSdkCheckout
        orderId={orderId}
        currency={currency}
        clientId={config.paypalClientId}
        sdkUrl={config.paypalSdkUrl}
        api={api}
      />
    );
  }
  return <EmulatorCheckout orderId={orderId} emulatorUrl={config.paypalEmulatorUrl} api={api} />;
}
