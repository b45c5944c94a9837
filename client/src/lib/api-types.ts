// The shapes the services answer with (see each service's README). Kept here rather than
// imported from the services so the browser bundle never pulls in server code.

export interface User {
  id: string;
  name: string;
  email: string;
  photoUrl: string | null;
  jobTitle: string | null;
  phone: string | null;
  createdAt: string;
}

export type TicketStatus = "available" | "reserved" | "sold";

export interface Ticket {
  id: string;
  title: string;
  /** Two decimals, e.g. "20.50". */
  price: string;
  currency: string;
  description: string | null;
  eventDate: string;
  venue: string;
  userId: string;
  /** Present when the tickets service knows the seller's display name. */
  sellerName?: string | null;
  status: TicketStatus;
  orderId: string | null;
  version: number;
  createdAt: string;
}

export interface TicketPage {
  tickets: Ticket[];
  page: number;
  limit: number;
  total: number;
}

export type TicketSort = "newest" | "price_asc" | "price_desc" | "event_date";

export type OrderStatus = "created" | "cancelled" | "complete";

export interface Order {
  id: string;
  status: OrderStatus;
  expiresAt: string;
  userId: string;
  ticket: { id: string; title: string; price: string; currency: string };
  version: number;
  createdAt: string;
}

export interface Payment {
  id: string;
  orderId: string;
  paypalOrderId: string;
  captureId: string | null;
  amount: string;
  currency: string;
  status: "completed" | "refunded";
  createdAt: string;
}

/** One item of the `{"errors":[...]}` body every service answers failures with. */
export interface ApiErrorItem {
  message: string;
  field?: string;
}
