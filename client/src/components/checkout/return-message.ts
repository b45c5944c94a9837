/** What /checkout/return posts to the page that opened the PayPal window. */
export interface PaypalReturnMessage {
  type: "paypal-return";
  orderId: string;
  token: string;
  cancelled: boolean;
}

export function isPaypalReturnMessage(data: unknown): data is PaypalReturnMessage {
  const m = data as Partial<PaypalReturnMessage> | null;
  return (
    typeof m === "object" &&
    m !== null &&
    m.type === "paypal-return" &&
    typeof m.orderId === "string" &&
    typeof m.token === "string"
  );
}

/** sessionStorage key of a PayPal order awaiting approval (survives the same-tab round trip). */
export const pendingKey = (orderId: string) => `paypal-pending:${orderId}`;
