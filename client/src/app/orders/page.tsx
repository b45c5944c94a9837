import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { ServiceAlert } from "@/components/common/ServiceAlert";
import { OrdersList } from "@/components/orders/OrdersList";
import type { Order, Ticket } from "@/lib/api-types";
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
  const tickets = await eventFacts(orders ?? []);
  return (
    <>
      <PageTitle>My orders</PageTitle>
      {failure ? <ServiceAlert what="your orders" error={failure} /> : null}
      {orders ? <OrdersList initialOrders={orders} tickets={tickets} /> : null}
    </>
  );
}

/** Each ordered listing's event date and venue (from the tickets service); a row without them still shows. */
async function eventFacts(orders: Order[]): Promise<Record<string, Ticket>> {
  const ids = [...new Set(orders.map((o) => o.ticket.id))];
  const found = await Promise.all(
    ids.map((id) =>
      serverGet<{ ticket: Ticket }>(`/api/tickets/${encodeURIComponent(id)}`)
        .then((r) => r.ticket)
        .catch(() => null),
    ),
  );
  return Object.fromEntries(found.filter((t): t is Ticket => t !== null).map((t) => [t.id, t]));
}
