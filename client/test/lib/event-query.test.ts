import { maxPriceCents } from "@/components/tickets/SellForm";
import { eventsApiQuery, filterParams, parseEventFilters, searchHref } from "@/lib/event-query";
import { formatEventTime, zonedLocalToIso } from "@/lib/format";

test("an event's time reads in its own zone with the zone's name, whatever zone runs the code", () => {
  expect(formatEventTime("2027-05-21T18:00:00Z", "Europe/Amsterdam")).toBe("Fri 21 May 2027, 20:00 CEST");
  expect(formatEventTime("2027-01-15T19:30:00Z", "Europe/London")).toBe("Fri 15 Jan 2027, 19:30 GMT");
  expect(formatEventTime("2027-05-21T18:00:00Z", "Asia/Tokyo")).toMatch(/^Sat 22 May 2027, 03:00 (JST|GMT\+9)$/);
});

test("the time a seller types is read in the event's zone, across summer time", () => {
  expect(zonedLocalToIso("2027-05-21T20:00", "Europe/Amsterdam")).toBe("2027-05-21T18:00:00.000Z");
  expect(zonedLocalToIso("2027-01-21T20:00", "Europe/Amsterdam")).toBe("2027-01-21T19:00:00.000Z");
  expect(zonedLocalToIso("2027-01-21T20:00", "America/New_York")).toBe("2027-01-22T01:00:00.000Z");
  expect(zonedLocalToIso("not a time", "Europe/Amsterdam")).toBe("");
});

test("search filters from a hand-edited URL never reach the API as a bad query", () => {
  const filters = parseEventFilters({
    q: "  ajax ",
    city: "Amsterdam",
    from: "tomorrow",
    to: "2030-01-31",
    minPrice: "-3",
    maxPrice: "50",
    page: "x",
  });
  expect(filters).toEqual({
    q: "ajax",
    city: "Amsterdam",
    from: "",
    to: "2030-01-31",
    minPrice: "",
    maxPrice: "50",
    page: 1,
  });
  expect(eventsApiQuery(filters)).toBe(
    "q=ajax&city=Amsterdam&to=2030-01-31&maxPrice=50&available=true&page=1&limit=12",
  );
  expect(filterParams(filters)).toEqual({ q: "ajax", city: "Amsterdam", to: "2030-01-31", maxPrice: "50" });
});

test("the breadcrumb back to the results keeps the search", () => {
  expect(searchHref("q=ajax&city=Amsterdam&page=2")).toBe("/search?q=ajax&city=Amsterdam&page=2");
  expect(searchHref("all")).toBe("/search");
  expect(searchHref("")).toBeNull();
});

test("the sell form shows the price cap as the face value is typed", () => {
  expect(maxPriceCents("100.00", 120)).toBe(12000);
  expect(maxPriceCents("33.33", 120)).toBe(3999);
  expect(maxPriceCents("", 120)).toBeNull();
  expect(maxPriceCents("abc", 100)).toBeNull();
});
