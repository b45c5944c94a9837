// "My tickets": what the signed-in buyer bought and paid for, upcoming first, ready to download.
import type { Metadata } from "next";
import { PageTitle } from "@/components/common/PageTitle";
import { ServiceAlert } from "@/components/common/ServiceAlert";
import { PurchasedTickets } from "@/components/tickets/PurchasedTickets";
import type { PurchasedTicket } from "@/lib/api-types";
import { requireUser, serverGet } from "@/lib/server-api";

export const metadata: Metadata = { title: "My tickets" };

export default async function MyTicketsPage() {
  await requireUser("/tickets/purchased");
  let tickets: PurchasedTicket[] | null = null;
  let failure: unknown = null;
  try {
    tickets = (await serverGet<{ tickets: PurchasedTicket[] }>("/api/tickets/purchased")).tickets;
  } catch (err) {
    failure = err;
  }
  return (
    <>
      <PageTitle>My tickets</PageTitle>
      {failure ? <ServiceAlert what="your tickets" error={failure} /> : null}
      {tickets ? <PurchasedTickets tickets={tickets} now={Date.now()} /> : null}
    </>
  );
}
