// Buyer protection (payments' /api/payments/claims): the calls the claim components make,
// gathered in one object so component tests can pass their own.
import type { toClaimResponse } from "@m-ticketing/payments/src/domain/claims";
import { apiRequest, errorItems } from "@/lib/api-client";
import { ApiError } from "@/lib/api-error";

/** A claim as payments answers it (amounts as "12.34"). */
export type Claim = ReturnType<typeof toClaimResponse>;
export type ClaimReason = Claim["reason"];

/** Whether the buyer may open a claim on the order now, and until when. */
export interface ClaimWindow {
  until: string | null;
  open: boolean;
  why: string | null;
}

export const REASONS: Array<{ value: ClaimReason; label: string; hint: string }> = [
  {
    value: "not_received",
    label: "I did not receive the ticket",
    hint: "Nothing arrived, or it never became available.",
  },
  {
    value: "did_not_work",
    label: "The ticket did not work at the door",
    hint: "It was refused, already scanned or invalid.",
  },
  { value: "not_as_described", label: "The ticket was not as described", hint: "Wrong seat, section, date or event." },
];

export const photoUrl = (claimId: string) => `/api/payments/claims/${encodeURIComponent(claimId)}/photo`;
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

export const reasonLabel = (reason: ClaimReason) => REASONS.find((r) => r.value === reason)?.label ?? reason;

export interface ClaimsApi {
  forOrder(orderId: string): Promise<{ claims: Claim[]; window: ClaimWindow | null }>;
  open(input: { orderId: string; reason: ClaimReason; message: string }): Promise<{ claim: Claim }>;
  /** The optional photo (JPEG or PNG, at most 2 MB), sent as the body. */
  addPhoto(claimId: string, photo: File): Promise<{ claim: Claim }>;
  answer(claimId: string, message: string): Promise<{ claim: Claim }>;
  listOpen(): Promise<{ claims: Array<Claim & { sellerFlags?: number }> }>;
  decide(claimId: string, decision: "refund" | "reject", note?: string): Promise<{ claim: Claim }>;
}

export const claimsApi: ClaimsApi = {
  forOrder: (orderId) => apiRequest(`/api/payments/claims?orderId=${encodeURIComponent(orderId)}`),
  open: (input) => apiRequest("/api/payments/claims", { method: "POST", json: input }),
  addPhoto: async (claimId, photo) => {
    let res: Response;
    try {
      res = await fetch(`/api/payments/claims/${encodeURIComponent(claimId)}/photo`, {
        method: "PUT",
        headers: { accept: "application/json", "content-type": photo.type || "application/octet-stream" },
        body: photo,
        credentials: "same-origin",
      });
    } catch {
      throw new ApiError(0, []);
    }
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, errorItems(data));
    return data as { claim: Claim };
  },
  answer: (claimId, message) =>
    apiRequest(`/api/payments/claims/${encodeURIComponent(claimId)}/answer`, { method: "POST", json: { message } }),
  listOpen: () => apiRequest("/api/payments/admin/claims?status=open"),
  decide: (claimId, decision, note) =>
    apiRequest(`/api/payments/admin/claims/${encodeURIComponent(claimId)}/decision`, {
      method: "POST",
      json: { decision, ...(note ? { note } : {}) },
    }),
};
