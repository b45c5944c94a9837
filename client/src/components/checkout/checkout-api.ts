import { capturePaypalOrder, createPaypalOrder } from "@/lib/api";

/** The two payment calls checkout makes (a prop, so component tests can supply answers). */
export interface CheckoutApi {
  createPaypalOrder: typeof createPaypalOrder;
  capturePaypalOrder: typeof capturePaypalOrder;
}

export const checkoutApi: CheckoutApi = { createPaypalOrder, capturePaypalOrder };
