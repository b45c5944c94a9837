// The shapes the services answer with, derived from the functions that build them (each
// service's view function), so the client and the services cannot drift apart. These are
// type-only imports: the compiler checks them and erases them, and nothing of the
// services reaches the browser bundle.
import type { PublicUser } from "@m-ticketing/auth/src/domain/users";
import type { ErrorItem } from "@m-ticketing/common";
import type { toOrderResponse } from "@m-ticketing/orders/src/domain/order-view";
import type { toPaymentResponse } from "@m-ticketing/payments/src/domain/payment-view";
import type { toSellerDeliveryView } from "@m-ticketing/tickets/src/delivery/attach-ticket-file";
import type { purchaseOf, toPurchasedTicketResponse } from "@m-ticketing/tickets/src/delivery/purchased-tickets";
import type { toEventResponse } from "@m-ticketing/tickets/src/domain/event-view";
import type { ticketSorts } from "@m-ticketing/tickets/src/domain/list-tickets";
import type { searchEvents } from "@m-ticketing/tickets/src/domain/search-events";
import type { SellerSummary as TicketsSellerSummary } from "@m-ticketing/tickets/src/domain/sellers";
import type { toTicketPage, toTicketResponse } from "@m-ticketing/tickets/src/domain/ticket-view";

export type User = PublicUser;

/** A listing; `price` has two decimals, e.g. "20.50". */
export type Ticket = ReturnType<typeof toTicketResponse>;
export type TicketStatus = Ticket["status"];
export type TicketPage = ReturnType<typeof toTicketPage>;
/** What buyers see of a seller (`GET /api/tickets/sellers?ids=`). */
export type SellerSummary = TicketsSellerSummary;
export type TicketSort = (typeof ticketSorts)[number];
/** What the seller sees of the ticket they attached: type, size and the barcode's last four characters. */
export type TicketDelivery = ReturnType<typeof toSellerDeliveryView>;
/** A ticket the signed-in buyer paid for ("My tickets"), with their order's id. */
export type PurchasedTicket = ReturnType<typeof toPurchasedTicketResponse>;
/** `GET /api/tickets/:id`'s word to the viewer who bought (and paid for) the ticket; null for anyone else. */
export type TicketPurchase = Awaited<ReturnType<typeof purchaseOf>>;

/** A show people buy tickets for; every time of it is shown in its own `timeZone`. */
export type Event = ReturnType<typeof toEventResponse>;
/** `GET /api/events`: `total` is counted up to a cap (`totalCapped` beyond it). */
export type EventPage = Omit<Awaited<ReturnType<typeof searchEvents>>, "events"> & {
  events: Event[];
  page: number;
  limit: number;
};

export type Order = ReturnType<typeof toOrderResponse>;
export type OrderStatus = Order["status"];

export type Payment = ReturnType<typeof toPaymentResponse>;

/** One item of the `{"errors":[...]}` body every service answers failures with. */
export type ApiErrorItem = ErrorItem;
