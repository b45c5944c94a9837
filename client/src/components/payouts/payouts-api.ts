// The payments API calls of the fee, payout-account and sales screens; the components take
// them as a prop so their tests can pass fakes.
import type { feePolicyView } from "@m-ticketing/common/fees";
import type { toPayoutAccountResponse } from "@m-ticketing/payments/src/domain/payout-account";
import type { toSaleResponse } from "@m-ticketing/payments/src/domain/sales-view";
import { apiRequest } from "@/lib/api-client";

export type FeePolicyView = ReturnType<typeof feePolicyView>;
export type PayoutAccount = NonNullable<ReturnType<typeof toPayoutAccountResponse>>;
export type Sale = ReturnType<typeof toSaleResponse>;

export const payoutsApi = {
  getFeePolicy: () => apiRequest<{ fees: FeePolicyView }>("/api/payments/fees"),
  setPayoutAccount: (paypalEmail: string) =>
    apiRequest<{ payoutAccount: PayoutAccount }>("/api/payments/payout-account", {
      method: "PUT",
      json: { paypalEmail },
    }),
};
export type PayoutsApi = typeof payoutsApi;
