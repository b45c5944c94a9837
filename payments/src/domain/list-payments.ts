import type { Executor } from "@m-ticketing/common";
import { and, desc, eq } from "drizzle-orm";
import { payments } from "../db/schema";
import type { PaymentRow } from "./payment-view";

/** The user's payments, newest first (at most 100), optionally those of one order only. */
export async function listPayments(db: Executor, userId: string, orderId?: string): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.userId, userId), orderId ? eq(payments.orderId, orderId) : undefined))
    .orderBy(desc(payments.createdAt))
    .limit(100);
}
