import { type Executor, verifyLinkToken } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { preferences } from "../db/schema";
import type { MailCategory } from "./mail-queue";

export interface Preferences {
  alerts: boolean;
  reminders: boolean;
}

/** A user's choices; everything on until they say otherwise. */
export async function getPreferences(db: Executor, userId: string): Promise<Preferences> {
  const [row] = await db.select().from(preferences).where(eq(preferences.userId, userId));
  return { alerts: row?.alerts ?? true, reminders: row?.reminders ?? true };
}

export async function setPreferences(db: Executor, userId: string, change: Partial<Preferences>): Promise<Preferences> {
  const current = await getPreferences(db, userId);
  const next = { ...current, ...change };
  await db
    .insert(preferences)
    .values({ userId, ...next, updatedAt: new Date() })
    .onConflictDoUpdate({ target: preferences.userId, set: { ...next, updatedAt: new Date() } });
  return next;
}

const optional: Record<string, keyof Preferences> = { alert: "alerts", reminder: "reminders" };

/**
 * Applies a one-click unsubscribe token (`<userId>:<category>`, signed): turns that category
 * off. Returns what was turned off, or null for a token that is not ours.
 */
export async function unsubscribe(
  db: Executor,
  token: unknown,
  linkKey: Buffer,
): Promise<{ userId: string; category: MailCategory } | null> {
  const id = verifyLinkToken("unsubscribe", token, linkKey);
  const [userId, category] = id?.split(":") ?? [];
  const setting = category ? optional[category] : undefined;
  if (!userId || !setting) return null;
  await setPreferences(db, userId, { [setting]: false });
  return { userId, category: category as MailCategory };
}
