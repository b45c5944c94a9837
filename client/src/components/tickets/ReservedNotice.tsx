"use client";
import Alert from "@mui/material/Alert";
import MuiLink from "@mui/material/Link";
import { useEffect, useState } from "react";
import { listMyOrders } from "@/lib/api";

/**
 * A reserved ticket, seen by someone who is not its seller. Only the buyer who holds the
 * reservation is told to finish paying (with a link to that order); everyone else reads that
 * someone is buying it (issue 17 item 8: it used to tell everyone "If that is you…").
 */
export function ReservedNotice({
  ticketId,
  signedIn,
  request = listMyOrders,
}: {
  ticketId: string;
  signedIn: boolean;
  request?: typeof listMyOrders;
}) {
  const [mine, setMine] = useState<string | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    request()
      .then(({ orders }) => {
        const open = orders.find((o) => o.ticket.id === ticketId && o.status === "created");
        if (live && open) setMine(open.id);
      })
      .catch(() => {}); // the generic notice is right for anyone
    return () => {
      live = false;
    };
  }, [ticketId, signedIn, request]);

  if (mine) {
    return (
      <Alert severity="info" variant="outlined">
        You reserved this ticket. <MuiLink href={`/orders/${mine}`}>Finish paying for your order</MuiLink> before the
        reservation runs out.
      </Alert>
    );
  }
  return (
    <Alert severity="warning" variant="outlined">
      Someone is buying this ticket right now. If they do not complete the payment, it becomes available again.
    </Alert>
  );
}
