import Link from "next/link";
import type { Event } from "@/lib/api-types";
import { formatPrice } from "@/lib/format";
import { Icon } from "../ui/icons";
import { EventTime } from "./EventTime";
import styles from "./event-card.module.css";

/**
 * An upcoming event: name, date in its zone, venue and city, "from €X" and how many tickets.
 * Server-rendered HTML and CSS: the home page's cards need no JavaScript (issue 17's budget).
 */
export function EventCard({ event, back }: { event: Event; back?: string }) {
  const href = `/events/${event.id}${back ? `?back=${encodeURIComponent(back)}` : ""}`;
  return (
    <article className={styles.card} data-testid="event-card">
      <Link href={href} className={styles.action}>
        <div className={styles.content}>
          <h2 className={styles.name}>{event.name}</h2>
          <div className={styles.line}>
            <Icon name="calendar" />
            <span>
              <EventTime iso={event.startsAt} timeZone={event.timeZone} />
            </span>
          </div>
          <div className={styles.line}>
            <Icon name="place" />
            <span>
              {event.venue}, {event.city}
            </span>
          </div>
          <div className={styles.footer}>
            {event.minPrice ? <p className={styles.price}>from {formatPrice(event.minPrice, event.currency)}</p> : null}
            <p className={styles.count}>
              {event.availableCount === 1 ? "1 ticket" : `${event.availableCount} tickets`}
            </p>
          </div>
        </div>
      </Link>
    </article>
  );
}
