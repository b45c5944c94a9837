import type { Event } from "@/lib/api-types";
import { EventCard } from "./EventCard";
import styles from "./event-card.module.css";

/** Event cards in a CSS grid (one, two or three columns). */
export function EventGrid({ events, back }: { events: Event[]; back?: string }) {
  return (
    <ul aria-label="Events" className={styles.grid}>
      {events.map((event) => (
        <li key={event.id}>
          <EventCard event={event} back={back} />
        </li>
      ))}
    </ul>
  );
}
