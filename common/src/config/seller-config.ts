import { z } from "zod";
import { durationSetting } from "./parse-config";

/**
 * The rules about sellers that several services apply, so one setting reaches them all
 * (compose and Kubernetes set them once, in the shared configuration): tickets lets only
 * verified sellers list, payments lets only verified sellers be paid and pays
 * `PAYOUT_DELAY` after the event starts, notifications tells the seller that date.
 */
export const sellerConfigShape = {
  /**
   * Only sellers with a verified e-mail address may list and be paid. `off` exists for
   * harnesses that seed sellers without a mailbox (bench, chaos, browser tests); production
   * refuses it (`refineSellerConfig`).
   */
  SELLER_EMAIL_VERIFICATION: z.enum(["required", "off"]).default("required"),
  /** A sale is paid out this long after its event starts (if no claim holds it). */
  PAYOUT_DELAY: durationSetting("48h"),
};

/** For a schema's `superRefine`: production never runs with seller verification off. */
export function refineSellerConfig(
  config: { NODE_ENV?: string; SELLER_EMAIL_VERIFICATION: "required" | "off" },
  ctx: z.RefinementCtx,
): void {
  if (config.NODE_ENV === "production" && config.SELLER_EMAIL_VERIFICATION !== "required") {
    ctx.addIssue({ code: "custom", path: ["SELLER_EMAIL_VERIFICATION"], message: "must be required in production" });
  }
}
