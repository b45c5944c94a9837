// "Add to calendar": an iCalendar (RFC 5545) event for a ticket, as a file the browser downloads.

export interface CalendarEntry {
  /** Stable across downloads, so importing twice updates the one entry. */
  uid: string;
  title: string;
  /** ISO instant. */
  startsAt: string;
  venue: string;
  /** Where the ticket is (My tickets), in the description. */
  url?: string;
}

/** How long the entry lasts: events do not say when they end. */
const DURATION = "PT3H";

/** `20310704T233000Z`: UTC, so every calendar shows it in its own zone at the right moment. */
const utc = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** Text values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
const text = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");

/** UTF-8 octets of one character. */
const octets = (ch: string) => {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
};

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1), never inside a character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    if (size + octets(ch) > 75) {
      out.push(current);
      current = " ";
      size = 1;
    }
    current += ch;
    size += octets(ch);
  }
  out.push(current);
  return out.join("\r\n");
}

export function icsFor(entry: CalendarEntry, now = new Date()): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Ticketing//My tickets//EN",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    `UID:${entry.uid}@ticketing`,
    `DTSTAMP:${utc(now.toISOString())}`,
    `DTSTART:${utc(entry.startsAt)}`,
    `DURATION:${DURATION}`,
    `SUMMARY:${text(entry.title)}`,
    `LOCATION:${text(entry.venue)}`,
    ...(entry.url ? [`DESCRIPTION:${text(`Your ticket: ${entry.url}`)}`] : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/** A link target that downloads the entry (no server round trip). */
export const calendarHref = (entry: CalendarEntry, now?: Date) =>
  `data:text/calendar;charset=utf-8,${encodeURIComponent(icsFor(entry, now))}`;
