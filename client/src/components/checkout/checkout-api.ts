import { cancelOrder, capturePaypalOrder, createPaypalOrder, getOrder } from "@/lib/api";

/** The payment calls checkout makes (a prop, so component tests can supply answers). */
export interface CheckoutApi {
  createPaypalOrder: typeof createPaypalOrder;
  capturePaypalOrder: typeof capturePaypalOrder;
}

export const checkoutApi: CheckoutApi = { createPaypalOrder, capturePaypalOrder };

/** Everything the order page calls: checkout plus reading and cancelling the order. */
export interface OrderPageApi extends CheckoutApi {
  getOrder: typeof getOrder;
  cancelOrder: typeof cancelOrder;
}

export const orderPageApi: OrderPageApi = { ...checkoutApi, getOrder, cancelOrder };
