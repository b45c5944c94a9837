// The API calls the browser makes, one function per action, named after what it does.
import { apiRequest } from "./api-client";
import type { Event, EventPage, Order, Payment, Ticket, TicketDelivery, User } from "./api-types";

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  passwordConfirm: string;
  recaptchaToken?: string;
}

export const signUp = (input: SignUpInput) =>
  apiRequest<{ user: User }>("/api/users/signup", { method: "POST", json: input });

export const signIn = (input: { email: string; password: string }) =>
  apiRequest<{ user: User }>("/api/users/signin", { method: "POST", json: input });

export const signOut = () => apiRequest<unknown>("/api/users/signout", { method: "POST" });
/** Ends every session of the account, on every device. */
export const signOutEverywhere = () => apiRequest<unknown>("/api/users/signout-all", { method: "POST" });

export interface ProfileInput {
  name: string;
  jobTitle: string;
  phone: string;
  photo?: File | null;
}

/** JSON without a photo, multipart with one (the server decides the type from the bytes). */
export function updateProfile({ photo, ...fields }: ProfileInput) {
  if (!photo) return apiRequest<{ user: User }>("/api/users/me", { method: "PATCH", json: fields });
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append("photo", photo);
  return apiRequest<{ user: User }>("/api/users/me", { method: "PATCH", form });
}

export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

export const changePassword = (input: PasswordChangeInput) =>
  apiRequest<unknown>("/api/users/change-password", { method: "POST", json: input });

/** `PUT /api/tickets/:id`: the listing's own fields (its event stays); "" clears an optional text. */
export interface ListingEdit {
  price: string;
  faceValue?: string;
  section: string;
  row: string;
  seat: string;
  description: string;
}

export const updateTicket = (id: string, input: ListingEdit) =>
  apiRequest<{ ticket: Ticket }>(`/api/tickets/${encodeURIComponent(id)}`, { method: "PUT", json: input });

/** The event fields a seller fills in when the show is not there yet. */
export interface EventInput {
  name: string;
  venue: string;
  city: string;
  country: string;
  /** ISO 8601 with offset. */
  startsAt: string;
  timeZone: string;
  /** ISO 4217; the tickets service's CURRENCY when left out. */
  currency?: string;
}

export interface ListingInput {
  eventId?: string;
  event?: EventInput;
  price: string;
  faceValue: string;
  quantity: number;
  section?: string;
  row?: string;
  seat?: string;
  description?: string;
}

export const listTickets = (input: ListingInput) =>
  apiRequest<{ ticket: Ticket; tickets: Ticket[] }>("/api/tickets", { method: "POST", json: input });

/**
 * The seller hands the ticket over (PDF, PNG or JPEG): its barcode is read from the file,
 * or `barcode` is the value the seller typed when none could be read. Buyers see the listing from then on.
 */
export function attachTicketFile(id: string, file: File, barcode?: string) {
  const form = new FormData();
  if (barcode) form.append("barcode", barcode);
  form.append("file", file);
  return apiRequest<{ delivery: TicketDelivery }>(`/api/tickets/${encodeURIComponent(id)}/file`, {
    method: "POST",
    form,
  });
}

export const withdrawTicket = (id: string) =>
  apiRequest<{ ticket: Ticket }>(`/api/tickets/${encodeURIComponent(id)}`, { method: "DELETE" });

/** Upcoming events whose name, venue or city start with the words typed (the sell form's picker). */
export const searchEvents = (q: string, signal?: AbortSignal) =>
  apiRequest<EventPage>(`/api/events?${new URLSearchParams({ q, limit: "8" })}`, { signal });

export const setEventAlert = (eventId: string, on: boolean) =>
  apiRequest<{ alert: boolean }>(`/api/events/${encodeURIComponent(eventId)}/alerts`, {
    method: on ? "POST" : "DELETE",
  });

export type { Event };

export const createOrder = (ticketId: string) =>
  apiRequest<{ order: Order }>("/api/orders", { method: "POST", json: { ticketId } });

/** The signed-in buyer's orders, newest first. */
export const listMyOrders = () => apiRequest<{ orders: Order[] }>("/api/orders");

export const getOrder = (id: string) => apiRequest<{ order: Order }>(`/api/orders/${encodeURIComponent(id)}`);

export const cancelOrder = (id: string) =>
  apiRequest<{ order: Order }>(`/api/orders/${encodeURIComponent(id)}`, { method: "DELETE" });

export interface PaypalReturnUrls {
  /** Where PayPal's approval page sends the buyer after approving (with `token` and `PayerID`). */
  returnUrl?: string;
  /** Where it sends them after cancelling. */
  cancelUrl?: string;
}

/** Creates the PayPal order for one of our orders: PayPal's order id and the buyer's approval page. */
export const createPaypalOrder = (orderId: string, urls: PaypalReturnUrls = {}) =>
  apiRequest<{ id: string; approveUrl?: string | null }>("/api/payments/create-order", {
    method: "POST",
    json: { orderId, ...urls },
  });

/** Captures an approved PayPal order; repeating it returns the same payment. */
export const capturePaypalOrder = (paypalOrderId: string) =>
  apiRequest<{ payment: Payment }>(`/api/payments/${encodeURIComponent(paypalOrderId)}/capture`, { method: "POST" });

/** "Forgot password": always the same answer, whether or not the address has an account. */
export const requestPasswordReset = (email: string) =>
  apiRequest<{ message: string }>("/api/users/password-reset", { method: "POST", json: { email } });

export const resetPassword = (input: { token: string; password: string; passwordConfirm: string }) =>
  apiRequest<{ user: User }>("/api/users/password-reset/confirm", { method: "POST", json: input });

export const verifyEmail = (token: string) =>
  apiRequest<{ user: User }>("/api/users/verify-email", { method: "POST", json: { token } });

export const resendVerification = () =>
  apiRequest<{ message: string }>("/api/users/verify-email/resend", { method: "POST" });

export interface NotificationPreferences {
  alerts: boolean;
  reminders: boolean;
}

export const getNotificationPreferences = () =>
  apiRequest<{ preferences: NotificationPreferences }>("/api/notifications/preferences");

export const setNotificationPreferences = (change: Partial<NotificationPreferences>) =>
  apiRequest<{ preferences: NotificationPreferences }>("/api/notifications/preferences", {
    method: "PUT",
    json: change,
  });

export const unsubscribe = (token: string) =>
  apiRequest<{ unsubscribed: string }>(`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`, {
    method: "POST",
  });
