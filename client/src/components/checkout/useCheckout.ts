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

function captureMessage(err: unknown): string {
  if (err instanceof ApiError && err.status === 502) {
    return "PayPal is not answering right now, so the payment is not complete. Try again in a moment.";
  }
  return err instanceof ApiError ? err.message : "We could not complete the payment. Please try again.";
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
