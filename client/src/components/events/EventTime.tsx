import { formatEventTime } from "@/lib/format";

/**
 * When an event happens, in the event's own zone and labelled with it ("Fri 21 May 2027,
 * 20:00 CEST"). A server component: the text is decided once, identical for every viewer.
 */
export function EventTime({ iso, timeZone }: { iso: string; timeZone: string }) {
  return (
    <time dateTime={iso} data-testid="event-time">
      {formatEventTime(iso, timeZone)}
    </time>
  );
}
