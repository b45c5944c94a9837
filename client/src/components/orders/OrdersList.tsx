"use client";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Typography from "@mui/material/Typography";
import { useEffect, useState } from "react";
import { CardList, CardRow } from "@/components/common/CardList";
import { EmptyState } from "@/components/common/EmptyState";
import { cancelOrder } from "@/lib/api";
import type { Order, Ticket } from "@/lib/api-types";
import { formatPrice } from "@/lib/format";
import { useToast } from "../app/useToast";
import { LocalDateTime } from "../common/LocalDateTime";
import { StatusChip } from "../common/StatusChip";
import { OrderEventLine } from "./OrderEventLine";
import { endReasonText, orderChipStatus } from "./order-outcome";

/** The buyer's orders, newest first, with a cancel button on those awaiting payment. */
export function OrdersList({
  initialOrders,
  tickets = {},
}: {
  initialOrders: Order[];
  /** The ordered listings by id: each row shows its event's date and venue. */
  tickets?: Record<string, Ticket>;
}) {
  const [orders, setOrders] = useState(initialOrders);
  const [busy, setBusy] = useState<string | null>(null);
  const toast = useToast();
  // Expiry is judged by the browser's clock after mounting (the server's would not match).
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  const cancel = async (order: Order) => {
    setBusy(order.id);
    try {
      const { order: updated } = await cancelOrder(order.id);
      setOrders((list) => list.map((o) => (o.id === updated.id ? { ...o, ...updated } : o)));
      toast(`Order for “${order.ticket.title}” cancelled.`, "success");
      // Its Cancel button is gone: keep keyboard focus on that order (its title link), not <body>.
      requestAnimationFrame(() => document.getElementById(`order-link-${order.id}`)?.focus());
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(null);
    }
  };

  if (orders.length === 0) {
    return <EmptyState title="No orders yet" text="When you buy a ticket, your order appears here." browse />;
  }

  return (
    <CardList label="My orders">
      {orders.map((order) => {
        const expired = order.status === "created" && now !== null && Date.parse(order.expiresAt) <= now;
        return (
          <CardRow key={order.id} testId="order-row">
            <Box sx={{ flex: "1 1 240px", minWidth: 0 }}>
              <Link
                href={`/orders/${order.id}`}
                id={`order-link-${order.id}`}
                sx={{ fontWeight: 600, overflowWrap: "anywhere" }}
              >
                {order.ticket.title}
              </Link>
              <OrderEventLine order={order} ticket={tickets[order.ticket.id]} />
              <Typography variant="body2" color="textSecondary">
                Ordered <LocalDateTime iso={order.createdAt} />
              </Typography>
              {order.status === "cancelled" ? (
                <Typography variant="body2" color="textSecondary" data-testid="end-reason">
                  {endReasonText(order)}
                </Typography>
              ) : null}
            </Box>
            <Typography sx={{ fontWeight: 700, minWidth: 90 }}>
              {formatPrice(order.ticket.price, order.ticket.currency)}
            </Typography>
            <StatusChip status={expired ? "expired" : orderChipStatus(order)} />
            {order.status === "created" && !expired ? (
              <Box sx={{ display: "flex", gap: 1 }}>
                <Button size="small" variant="contained" href={`/orders/${order.id}`}>
                  Pay
                </Button>
                <Button
                  size="small"
                  color="error"
                  variant="outlined"
                  loading={busy === order.id}
                  onClick={() => cancel(order)}
                  aria-label={`Cancel order for ${order.ticket.title}`}
                >
                  Cancel
                </Button>
              </Box>
            ) : null}
          </CardRow>
        );
      })}
    </CardList>
  );
}
