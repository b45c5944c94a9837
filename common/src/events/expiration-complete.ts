import { z } from "zod";
import { uuid } from "./shared-fields";

/** An order's reservation time is up. Published by expiration. */
export const expirationComplete = {
  type: "expiration.complete",
  version: 1,
  data: z.object({ orderId: uuid }),
} as const;
