import { z } from "zod";
import { uuid } from "./shared-fields";

/** An order was cancelled by its buyer or expired. Published by orders. */
export const orderCancelled = {
  type: "order.cancelled",
  version: 1,
  data: z.object({ id: uuid, version: z.number().int().nonnegative(), ticket: z.object({ id: uuid }) }),
} as const;
