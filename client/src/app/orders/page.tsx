import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { ServiceAlert } from "@/components/common/ServiceAlert";
import { OrdersList } from "@/components/orders/OrdersList";
import type { Order } from "@/lib/api-types";
import { requireUser, serverGet } from "@/lib/server-api";

export const metadata: Metadata = { title: "My orders" };

export default async function MyOrdersPage() {
  await requireUser("/orders");
  let orders: Order[] | null = null;
  let failure: unknown = null;
  try {
    orders = (await serverGet<{ orders: Order[] }>("/api/orders")).orders;
  } catch (err) {
    failure = err;
  }
  return (
    <>
      <PageTitle>My orders</PageTitle>
      {failure ? <ServiceAlert what="your orders" error={failure} /> : null}
      {orders ? <OrdersList initialOrders={orders} /> : null}
    </>
  );
}
