import { z } from "zod";

export const uuid = z.uuid();
/** Money travels as integer cents plus an ISO 4217 currency code. */
export const cents = z.number().int().positive();
export const currency = z.string().regex(/^[A-Z]{3}$/);
/** `withdrawn` (by its seller) was added later: deploy consumers (orders) before tickets. */
export const ticketStatus = z.enum(["available", "reserved", "sold", "withdrawn"]);
export const orderStatus = z.enum(["created", "cancelled", "complete"]);
/**
 * Who a buyer-protection claim concerns: the claim, its order and both sides (`sellerId` is
 * null for sales recorded before sellers were known). Every `payment.claim-*` event carries them.
 */
export const claimParties = {
  id: uuid,
  orderId: uuid,
  buyerId: uuid,
  sellerId: uuid.nullable(),
};
