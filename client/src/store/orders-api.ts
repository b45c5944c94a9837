// RTK Query for the order page: it polls the order while something is still going to
// change (waiting for payment, completion after capture, or cancellation on expiry).
import { createApi, fetchBaseQuery } from "@reduxjs/toolkit/query/react";
import type { Order } from "@/lib/api-types";

export const ordersApi = createApi({
  reducerPath: "ordersApi",
  baseQuery: fetchBaseQuery({ baseUrl: "/api", credentials: "same-origin" }),
  endpoints: (build) => ({
    getOrder: build.query<Order, string>({
      query: (id) => `/orders/${encodeURIComponent(id)}`,
      transformResponse: (body: { order: Order }) => body.order,
    }),
  }),
});

export const { useGetOrderQuery } = ordersApi;
