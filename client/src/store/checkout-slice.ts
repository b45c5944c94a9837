// Where the payment of each order stands in this browser. Kept in Redux (not in the
// component) so the state survives re-renders of the PayPal buttons and the approval
// popup's message can reach it.
import { createSlice, type PayloadAction } from "@reduxjs/toolkit";

export type CheckoutPhase =
  /** Nothing started yet. */
  | "idle"
  /** Asking the payments service to create the PayPal order. */
  | "creating"
  /** Waiting for the buyer to approve at PayPal (popup or PayPal's own window). */
  | "approving"
  /** Approved; asking the payments service to capture. */
  | "capturing"
  /** Captured: the order completes as soon as the orders service hears of it. */
  | "paid"
  | "error";

export interface Checkout {
  phase: CheckoutPhase;
  paypalOrderId: string | null;
  /** PayPal's page where the buyer approves (from the payments service), when known. */
  approveUrl: string | null;
  error: string | null;
}

export const idleCheckout: Checkout = { phase: "idle", paypalOrderId: null, approveUrl: null, error: null };

type ByOrder = Record<string, Checkout>;

export const checkoutSlice = createSlice({
  name: "checkout",
  initialState: {} as ByOrder,
  reducers: {
    checkoutStarted(state, action: PayloadAction<{ orderId: string }>) {
      state[action.payload.orderId] = { ...idleCheckout, phase: "creating" };
    },
    approvalRequested(
      state,
      action: PayloadAction<{ orderId: string; paypalOrderId: string; approveUrl?: string | null }>,
    ) {
      const { orderId, paypalOrderId, approveUrl = null } = action.payload;
      state[orderId] = { phase: "approving", paypalOrderId, approveUrl, error: null };
    },
    captureStarted(state, action: PayloadAction<{ orderId: string; paypalOrderId: string }>) {
      const current = state[action.payload.orderId] ?? idleCheckout;
      state[action.payload.orderId] = {
        ...current,
        phase: "capturing",
        paypalOrderId: action.payload.paypalOrderId,
        error: null,
      };
    },
    paymentCaptured(state, action: PayloadAction<{ orderId: string }>) {
      const current = state[action.payload.orderId] ?? idleCheckout;
      state[action.payload.orderId] = { ...current, phase: "paid", error: null };
    },
    /** `unlessFailed`: a generic follow-up report (PayPal's onError) keeps the precise first message. */
    checkoutFailed(state, action: PayloadAction<{ orderId: string; error: string; unlessFailed?: boolean }>) {
      const current = state[action.payload.orderId] ?? idleCheckout;
      if (action.payload.unlessFailed && current.phase === "error") return;
      state[action.payload.orderId] = { ...current, phase: "error", error: action.payload.error };
    },
    checkoutReset(state, action: PayloadAction<{ orderId: string }>) {
      delete state[action.payload.orderId];
    },
  },
});

export const { checkoutStarted, approvalRequested, captureStarted, paymentCaptured, checkoutFailed, checkoutReset } =
  checkoutSlice.actions;
