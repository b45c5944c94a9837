"use client";
import { type ReactNode, useState } from "react";
import { Provider } from "react-redux";
import { makeStore } from "./store";

/** The Redux store around what needs it (the order page's checkout), created once per mount. */
export function CheckoutStore({ children }: { children: ReactNode }) {
  const [store] = useState(() => makeStore());
  return <Provider store={store}>{children}</Provider>;
}
