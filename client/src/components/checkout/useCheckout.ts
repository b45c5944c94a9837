"use client";
import { useCallback, useRef } from "react";
import { ApiError } from "@/lib/api-error";
import {
  approvalRequested,
  captureStarted,
  checkoutFailed,
  checkoutReset,
  checkoutStarted,
  idleCheckout,
  paymentCaptured,
} from "@/store/checkout-slice";
import { useAppDispatch, useAppSelector } from "@/store/store";
import type { CheckoutApi } from "./checkout-api";

/** Where PayPal sends the buyer back to (our /checkout/return page, which tells this page). */
export function returnUrls(orderId: string) {
  const base = `${window.location.origin}/checkout/return?orderId=${encodeURIComponent(orderId)}`;
  return { returnUrl: base, cancelUrl: `${base}&cancelled=1` };
}

function createMessage(err: unknown): string {
  if (err instanceof ApiError && err.status === 409) {
    return `${err.message} This order can no longer be paid.`;
  }
  if (err instanceof ApiError && err.status === 502) {
    return "PayPal is not answering right now. Your ticket stays reserved until the timer runs out: try again in a moment.";
  }
  return err instanceof ApiError ? err.message : "We could not start the payment. Please try again.";
}

/**
 * What the buyer reads when a capture fails: the payments service's reasons are written for
 * developers ("the buyer has not approved the payment at PayPal yet"), so each known one
 * becomes a sentence for the buyer saying what happened to their money and what to do.
 */
export function captureMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return "We could not complete the payment. Please try again.";
  if (err.status === 0) {
    return "We could not reach the server, so the payment is not complete. Check your connection and try again.";
  }
  if (err.status === 502) {
    return "PayPal is not answering right now, so the payment is not complete. Try again in a moment.";
  }
  const raw = err.errors.map((e) => e.message).join(" ");
  if (/not approved/i.test(raw)) {
    return "The payment was not approved in PayPal, so nothing was charged. Pay again when you are ready.";
  }
  if (/declined/i.test(raw)) {
    return "PayPal declined the payment. Nothing was charged: try again and choose another way to pay in PayPal.";
  }
  if (/PayPal order expired/i.test(raw)) {
    return "The PayPal session timed out before the payment was completed. Nothing was charged: pay again.";
  }
  if (/still processing/i.test(raw)) {
    return "PayPal is still processing your payment. This page updates by itself when it completes.";
  }
  if (/refunded|will be refunded/i.test(raw)) {
    return "This order ended before your payment arrived. The payment is refunded to your PayPal account.";
  }
  if (/cancelled|expired/i.test(raw)) return "This order has ended and can no longer be paid. Nothing was charged.";
  if (err.status === 404) return "We could not find this payment. Please start the payment again.";
  return "We could not complete the payment. Please try again.";
}

/**
 * The payment of one order: create the PayPal order, then capture it once the buyer has
 * approved. State lives in the Redux checkout slice; a capture runs at most once at a time.
 */
export function useCheckout(orderId: string, api: CheckoutApi) {
  const dispatch = useAppDispatch();
  const state = useAppSelector((s) => s.checkout[orderId] ?? idleCheckout);
  const capturing = useRef<string | null>(null);

  const start = useCallback(
    async (urls?: { returnUrl: string; cancelUrl: string }): Promise<{ id: string; approveUrl: string | null }> => {
      dispatch(checkoutStarted({ orderId }));
      try {
        const { id, approveUrl } = await api.createPaypalOrder(orderId, urls);
        dispatch(approvalRequested({ orderId, paypalOrderId: id, approveUrl: approveUrl ?? null }));
        return { id, approveUrl: approveUrl ?? null };
      } catch (err) {
        dispatch(checkoutFailed({ orderId, error: createMessage(err) }));
        throw err;
      }
    },
    [api, dispatch, orderId],
  );

  const capture = useCallback(
    async (paypalOrderId: string): Promise<boolean> => {
      if (capturing.current === paypalOrderId) return false;
      capturing.current = paypalOrderId;
      dispatch(captureStarted({ orderId, paypalOrderId }));
      try {
        await api.capturePaypalOrder(paypalOrderId);
        dispatch(paymentCaptured({ orderId }));
        return true;
      } catch (err) {
        dispatch(checkoutFailed({ orderId, error: captureMessage(err) }));
        return false;
      } finally {
        capturing.current = null;
      }
    },
    [api, dispatch, orderId],
  );

  const fail = useCallback(
    (error: string, unlessFailed = false) => dispatch(checkoutFailed({ orderId, error, unlessFailed })),
    [dispatch, orderId],
  );
  const reset = useCallback(() => dispatch(checkoutReset({ orderId })), [dispatch, orderId]);

  return { state, start, capture, fail, reset };
}
