import { z } from "zod";
import { uuid } from "./shared-fields";

/**
 * Who a `user.*` event is about, as auth knows them when it happens. Every user event carries
 * it, so a service keeping a replica of users (notifications: names and addresses to write to)
 * can upsert from whichever event arrives first.
 */
export const userSnapshot = z.object({
  id: uuid,
  email: z.string().min(3),
  name: z.string(),
  emailVerified: z.boolean(),
  /**
   * For the public seller summary (tickets' replica, issue 17 trust signals): when the account
   * was made, when its profile last changed (a replica keeps the newest), its photo. Optional:
   * events published before these existed lack them.
   */
  createdAt: z.iso.datetime({ offset: true }).optional(),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
  photoUrl: z.string().max(2000).nullable().optional(),
});
