import { calendarHref, icsFor } from "@/lib/calendar";

const entry = {
  uid: "t-1",
  title: "Nick Cave; Live, at last",
  startsAt: "2031-07-04T23:30:00.000Z",
  venue: "Royal Albert Hall, London",
};

test("an iCalendar event at the event's instant in UTC, text escaped, CRLF lines", () => {
  const ics = icsFor(entry, new Date("2031-01-01T00:00:00Z"));
  expect(ics.split("\r\n")).toEqual([
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Ticketing//My tickets//EN",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    "UID:t-1@ticketing",
    "DTSTAMP:20310101T000000Z",
    "DTSTART:20310704T233000Z",
    "DURATION:PT3H",
    "SUMMARY:Nick Cave\\; Live\\, at last",
    "LOCATION:Royal Albert Hall\\, London",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ]);
});

test("long lines fold at 75 octets, and the link downloads it as text/calendar", () => {
  const ics = icsFor({ ...entry, title: "A".repeat(200) });
  const summary = ics.slice(ics.indexOf("SUMMARY:"), ics.indexOf("\r\nLOCATION"));
  for (const line of summary.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  expect(summary.replace(/\r\n /g, "")).toBe(`SUMMARY:${"A".repeat(200)}`);
  expect(calendarHref(entry)).toMatch(/^data:text\/calendar;charset=utf-8,BEGIN%3AVCALENDAR/);
});

test("folding never splits a character: a line of accented letters stays valid UTF-8", () => {
  const ics = icsFor({ ...entry, venue: "Théâtre du Châtelet, ".repeat(8) });
  const location = ics.slice(ics.indexOf("LOCATION:"), ics.indexOf("\r\nEND:VEVENT"));
  for (const line of location.split("\r\n")) {
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(line).not.toContain("\uFFFD");
  }
  expect(location.replace(/\r\n /g, "")).toBe(`LOCATION:${"Théâtre du Châtelet\\, ".repeat(8)}`);
});
