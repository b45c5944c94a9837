import { ConflictError, type Executor, TooManyRequestsError } from "@m-ticketing/common";
import { sql } from "drizzle-orm";
import { HOLDING, orders, tickets } from "../db/schema";

export interface ReservationLimits {
  /** Unpaid, unexpired orders one buyer may hold at once (MAX_ACTIVE_ORDERS_PER_BUYER). */
  maxActivePerBuyer: number;
  /** Wait after an order of yours for a ticket was cancelled or expired before reserving it again. */
  rereserveCooldownSeconds: number;
}

/** MAX_TICKETS_PER_BUYER_PER_EVENT for the ticket's event (none when the ticket has no event). */
export interface EventCap {
  eventId: string | null;
  maxPerEvent: number;
}

/**
 * Stops one account from holding the market: a cap on the tickets it holds or bought per
 * event, a cap on the reservations it holds at once, and a cool-down before it may reserve
 * again a ticket whose order it cancelled or let expire (otherwise cancel + reserve keeps a
 * ticket off sale for ever). 409 for the event cap, 429 with Retry-After for the others, each
 * naming `ticketId`. Runs in the reservation's transaction under transaction-scoped advisory
 * locks on (buyer, event) and on the buyer, so parallel requests take turns and cannot
 * overshoot a cap; the locks are taken in one statement and the three counts read in one
 * query (each round trip holds a pooled connection inside the transaction).
 */
export async function assertMayReserve(
  tx: Executor,
  buyerId: string,
  ticketId: string,
  limits: ReservationLimits,
  cap: EventCap = { eventId: null, maxPerEvent: 0 },
): Promise<void> {
  const eventLock = cap.eventId
    ? sql`pg_advisory_xact_lock(hashtextextended(${`${buyerId}:${cap.eventId}`}, 0)),`
    : sql``;
  await tx.execute(sql`select ${eventLock} pg_advisory_xact_lock(hashtextextended(${`reserve:${buyerId}`}, 0))`);
  const eventHeld = cap.eventId
    ? sql`(select count(*)::int from ${orders} where ${orders.userId} = ${buyerId} and ${HOLDING}
             and ${orders.ticketId} in (select ${tickets.id} from ${tickets} where ${tickets.eventId} = ${cap.eventId}))`
    : sql`0`;
  const { rows } = await tx.execute<{
    event_held: number;
    held: number;
    first_expiry: number;
    wait: number | null;
  }>(sql`
    select ${eventHeld} as event_held, active.held, active.first_expiry,
      (select extract(epoch from max(${orders.cancelledAt}) + make_interval(secs => ${limits.rereserveCooldownSeconds}) - now())::float8
         from ${orders} where ${orders.userId} = ${buyerId} and ${orders.ticketId} = ${ticketId} and ${orders.status} = 'cancelled') as wait
    from (select count(*)::int as held,
                 coalesce(extract(epoch from min(${orders.expiresAt}) - now()), 1)::float8 as first_expiry
            from ${orders}
           where ${orders.userId} = ${buyerId} and ${orders.status} = 'created' and ${orders.expiresAt} > now()) active`);
  const row = rows[0];
  if (!row) return;
  if (cap.eventId && Number(row.event_held) >= cap.maxPerEvent) {
    throw new ConflictError(
      `You already hold or bought ${cap.maxPerEvent} tickets for this event, the most one buyer may`,
      "ticketId",
    );
  }
  if (Number(row.held) >= limits.maxActivePerBuyer) {
    throw new TooManyRequestsError(
      Number(row.first_expiry),
      `You already hold ${row.held} reservations: pay for or cancel one first`,
      "ticketId",
    );
  }
  const wait = row.wait === null ? 0 : Number(row.wait);
  if (wait > 0) {
    throw new TooManyRequestsError(wait, "You cancelled this ticket a moment ago; try again later", "ticketId");
  }
}
