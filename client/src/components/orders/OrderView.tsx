"use client";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Divider from "@mui/material/Divider";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { Order, Ticket } from "@/lib/api-types";
import { focusMainHeading } from "@/lib/focus";
import { formatPrice } from "@/lib/format";
import { idleCheckout } from "@/store/checkout-slice";
import { useAppSelector } from "@/store/store";
import { useToast } from "../app/useToast";
import { CheckoutPanel } from "../checkout/CheckoutPanel";
import { type CheckoutApi, type OrderPageApi, orderPageApi } from "../checkout/checkout-api";
import { pendingKey } from "../checkout/return-message";
import { useCheckout } from "../checkout/useCheckout";
import { LocalDateTime } from "../common/LocalDateTime";
import { StatusChip } from "../common/StatusChip";
import { TicketDownloads } from "../tickets/TicketDownloads";
import { TicketFacts } from "../tickets/TicketFacts";
import { Countdown } from "./Countdown";
import { orderChipStatus } from "./order-outcome";
import { useLiveOrder } from "./useLiveOrder";
import { useSecondsLeft } from "./useSecondsLeft";

/** While an order can still change, it is re-read this often (payment, completion, expiry). */
const POLL_MS = 2000;
/** How far apart the services' clock and the browser's may be when judging an expiry. */
const EXPIRY_SKEW_MS = 10_000;

/**
 * One order, live: countdown to expiry, checkout, cancel, and the final state (paid,
 * cancelled, expired) as soon as the services report it, without a reload.
 */
export function OrderView({
  initialOrder,
  ticket = null,
  api = orderPageApi,
}: {
  initialOrder: Order;
  /** The listing as the tickets service shows it (event date, venue, seat, seller); null if it could not be read. */
  ticket?: Ticket | null;
  api?: OrderPageApi;
}) {
  const id = initialOrder.id;
  const toast = useToast();
  const checkout = useAppSelector((s) => s.checkout[id] ?? idleCheckout);
  const [cancelling, setCancelling] = useState(false);
  const [cancelledHere, setCancelledHere] = useState(false);
  const [expiredSeen, setExpiredSeen] = useState(false);

  const { order, failing, apply } = useLiveOrder(initialOrder, api.getOrder, POLL_MS);
  const open = order.status === "created";

  const secondsLeft = useSecondsLeft(order.expiresAt);
  const paid = checkout.phase === "paid";
  const capturing = checkout.phase === "capturing";
  const timeUp = open && secondsLeft === 0 && !paid && !capturing;
  useEffect(() => {
    if (timeUp) setExpiredSeen(true);
  }, [timeUp]);
  // The services may cancel the order a moment before this page's clock reaches zero
  // (clocks differ by a second or two): a cancellation seen here close to the deadline,
  // that this page did not ask for, is the expiry.
  const lastStatus = useRef(order.status);
  useEffect(() => {
    const was = lastStatus.current;
    lastStatus.current = order.status;
    if (was === "created" && order.status === "cancelled" && !cancelledHere) {
      if (Date.parse(order.expiresAt) - Date.now() <= EXPIRY_SKEW_MS) setExpiredSeen(true);
    }
  }, [order.status, order.expiresAt, cancelledHere]);

  useReturnFromPaypal(id, open, api);

  const cancel = async () => {
    setCancelling(true);
    try {
      const { order: updated } = await api.cancelOrder(id);
      setCancelledHere(true);
      apply(updated);
      toast("Your order is cancelled and the ticket released.", "success");
      // The Cancel button is gone with the checkout: focus goes to the page's heading, not <body>.
      focusMainHeading();
    } catch (err) {
      toast.error(err);
    } finally {
      setCancelling(false);
    }
  };

  const total = Math.max(1, Math.round((Date.parse(order.expiresAt) - Date.parse(order.createdAt)) / 1000));

  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, display: "grid", gap: 3 }}>
      <Box sx={{ display: "flex", flexWrap: "wrap", gap: 2, alignItems: "center", justifyContent: "space-between" }}>
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="h2" component="h2" sx={{ overflowWrap: "anywhere" }}>
            {order.ticket.title}
          </Typography>
          <Typography sx={{ fontSize: "1.5rem", fontWeight: 700, color: "primary.main" }}>
            {formatPrice(order.ticket.price, order.ticket.currency)}
          </Typography>
        </Box>
        <Box aria-live="polite" data-testid="order-status">
          <StatusChip
            status={
              open && (paid || capturing)
                ? "confirming"
                : timeUp
                  ? "expired"
                  : cancelledHere
                    ? "cancelled"
                    : orderChipStatus(order, expiredSeen)
            }
            size="medium"
          />
        </Box>
      </Box>
      <TicketFacts ticket={ticket} orderId={order.id} />
      <Divider />
      <Box aria-live="polite">
        <OrderState order={order} timeUp={timeUp} expiredSeen={expiredSeen} cancelledHere={cancelledHere} paid={paid} />
      </Box>
      {order.status === "complete" ? (
        <TicketDownloads ticket={ticket ?? { ...order.ticket, eventDate: "", venue: "" }} calendar={ticket !== null} />
      ) : null}
      {open && !timeUp && !paid ? (
        <>
          <Countdown secondsLeft={secondsLeft} totalSeconds={total} />
          <CheckoutPanel orderId={id} currency={order.ticket.currency} api={api} />
          {!capturing ? (
            <Box>
              <Button color="error" variant="outlined" onClick={cancel} loading={cancelling}>
                Cancel order
              </Button>
            </Box>
          ) : null}
        </>
      ) : null}
      {failing && open ? (
        <Typography variant="body2" color="warning.main" role="status">
          We could not refresh this order just now; retrying…
        </Typography>
      ) : null}
    </Paper>
  );
}

function OrderState({
  order,
  timeUp,
  expiredSeen,
  cancelledHere,
  paid,
}: {
  order: Order;
  timeUp: boolean;
  expiredSeen: boolean;
  cancelledHere: boolean;
  paid: boolean;
}) {
  const back = (
    <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap", mt: 1 }}>
      <Button variant="contained" size="small" href={`/tickets/${order.ticket.id}`}>
        Back to the ticket
      </Button>
      <Button variant="outlined" size="small" href="/">
        Browse tickets
      </Button>
    </Box>
  );
  if (order.status === "complete") {
    return (
      <Alert severity="success">
        <AlertTitle>Payment complete</AlertTitle>
        The ticket is yours: download it below, or any time from{" "}
        <Button href="/tickets/purchased" size="small" sx={{ p: 0, minWidth: 0, verticalAlign: "baseline" }}>
          My tickets
        </Button>
        .
      </Alert>
    );
  }
  if (order.status === "cancelled") {
    if (paid || order.refundedAt) {
      return (
        <Alert severity="warning">
          <AlertTitle>This order ended before your payment arrived</AlertTitle>
          {order.refundedAt ? (
            <>
              The payment was refunded to your PayPal account on <LocalDateTime iso={order.refundedAt} />.
            </>
          ) : (
            "The payment is refunded to your PayPal account automatically."
          )}
          {back}
        </Alert>
      );
    }
    if (cancelledHere || order.endReason === "cancelled_by_buyer")
      return (
        <Alert severity="info">
          <AlertTitle>You cancelled this order</AlertTitle>
          The ticket is available to others again.
          {back}
        </Alert>
      );
    if (order.endReason === "event_started")
      return (
        <Alert severity="info">
          <AlertTitle>The event started before this order was paid</AlertTitle>
          Tickets cannot be bought once their event has started, so the order was cancelled. You were not charged.
          {back}
        </Alert>
      );
    if (order.endReason === "listing_withdrawn")
      return (
        <Alert severity="info">
          <AlertTitle>The seller withdrew this ticket</AlertTitle>
          The seller took the listing off sale before this order was paid, so the order was cancelled. You were not
          charged.
          {back}
        </Alert>
      );
    const expired = order.endReason === "expired" || expiredSeen;
    return (
      <Alert severity={expired ? "warning" : "info"}>
        <AlertTitle>{expired ? "This order has expired" : "This order was cancelled"}</AlertTitle>
        {expired
          ? "The time to pay ran out, so the ticket was released. If it is still available you can order it again."
          : "It was cancelled or not paid in time, so the ticket was released."}
        {back}
      </Alert>
    );
  }
  if (paid) {
    return (
      <Alert severity="success" icon={<CircularProgress size={20} />} role="status">
        Payment received. Confirming your order…
      </Alert>
    );
  }
  if (timeUp) {
    return (
      <Alert severity="warning">
        <AlertTitle>This order has expired</AlertTitle>
        The time to pay ran out, so the ticket is being released. You can go back and order it again if it is still
        available.
        {back}
      </Alert>
    );
  }
  return (
    <Typography>The ticket is reserved for you. Pay before the timer runs out, or cancel to release it.</Typography>
  );
}

/**
 * Coming back to this page from PayPal in the same tab (popups blocked): PayPal adds
 * `token` (and `cancelled` from our cancel URL). Capture once, then tidy the address.
 */
function useReturnFromPaypal(orderId: string, open: boolean, api: CheckoutApi) {
  const params = useSearchParams();
  const router = useRouter();
  const { capture, fail } = useCheckout(orderId, api);
  const handled = useRef(false);
  const token = params.get("token");
  const cancelled = params.get("cancelled") === "1";
  useEffect(() => {
    if (!token || handled.current) return;
    handled.current = true;
    sessionStorage.removeItem(pendingKey(orderId));
    router.replace(`/orders/${orderId}`, { scroll: false });
    if (!open) return;
    if (cancelled) fail("You cancelled the payment at PayPal. You can pay again while the order is reserved.");
    else void capture(token);
  }, [token, cancelled, open, orderId, capture, fail, router]);
}
