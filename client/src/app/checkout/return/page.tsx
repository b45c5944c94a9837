import type { Metadata } from "next";
import { PaypalReturn } from "@/components/checkout/PaypalReturn";
import { PageTitle } from "@/components/common/PageTitle";

export const metadata: Metadata = { title: "Returning from PayPal" };

/** PayPal's approval page sends the buyer here (our returnUrl / cancelUrl). */
export default async function PaypalReturnPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  return (
    <>
      <PageTitle>PayPal</PageTitle>
      <PaypalReturn orderId={one(params.orderId)} token={one(params.token)} cancelled={one(params.cancelled) === "1"} />
    </>
  );
}
