import { addToOutbox, createEvent, type Executor, ForbiddenError } from "@m-ticketing/common";
import { and, eq } from "drizzle-orm";
import { payoutAccounts, sales } from "../db/schema";

/**
 * Changing where an existing payout goes needs a session issued in the last 15 minutes
 * (sign in again otherwise). Payments cannot check a password (auth owns them), and a
 * session token carries when it was issued (`iat`), so a recent sign-in stands in for
 * re-entering the password: a stolen week-old cookie cannot redirect a seller's money.
 */
export const RECENT_SIGN_IN_MS = 15 * 60_000;

export type PayoutAccountRow = typeof payoutAccounts.$inferSelect;

export async function findPayoutAccount(db: Executor, userId: string): Promise<PayoutAccountRow | undefined> {
  const [row] = await db.select().from(payoutAccounts).where(eq(payoutAccounts.userId, userId));
  return row;
}

/**
 * Sets the seller's PayPal address for payouts. The first one needs only a session; a
 * change needs a recent sign-in (RECENT_SIGN_IN_MS). In one transaction: the account,
 * `payment.payout-account-changed` (notifications mails the seller), and sales whose
 * payout failed at the old address go back to waiting, to be paid at the new one.
 */
export async function setPayoutAccount(
  db: Executor,
  user: { id: string; signedInAt?: Date },
  paypalEmail: string,
  now = new Date(),
): Promise<PayoutAccountRow> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(payoutAccounts).where(eq(payoutAccounts.userId, user.id)).for("update");
    if (existing?.paypalEmail === paypalEmail) return existing;
    if (existing && !(user.signedInAt && now.getTime() - user.signedInAt.getTime() <= RECENT_SIGN_IN_MS)) {
      throw new ForbiddenError(
        "To change where you are paid, sign in again first (your sign-in must be less than 15 minutes old)",
      );
    }
    const [account] = await tx
      .insert(payoutAccounts)
      .values({ userId: user.id, paypalEmail, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: payoutAccounts.userId, set: { paypalEmail, updatedAt: now } })
      .returning();
    await tx
      .update(sales)
      .set({ status: "pending", failureReason: null, updatedAt: now })
      .where(and(eq(sales.sellerId, user.id), eq(sales.status, "failed")));
    await addToOutbox(
      tx,
      createEvent("payment.payout-account-changed", {
        userId: user.id,
        paypalEmail,
        previousPaypalEmail: existing?.paypalEmail ?? null,
        changedAt: now.toISOString(),
      }),
    );
    return account!;
  });
}

export const toPayoutAccountResponse = (row: PayoutAccountRow | undefined) =>
  row ? { paypalEmail: row.paypalEmail, updatedAt: row.updatedAt.toISOString() } : null;
