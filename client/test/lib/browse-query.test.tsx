import { render, screen } from "@testing-library/react";
import PaginationLinks from "@/components/tickets/PaginationLinks";
import { parseBrowseQuery, ticketsApiQuery } from "@/lib/browse-query";

test("a hand-edited browse URL never reaches the tickets API as a bad query", () => {
  expect(parseBrowseQuery({ q: "  jazz  ", sort: "price_desc", page: "3" })).toEqual({
    q: "jazz",
    sort: "price_desc",
    page: 3,
  });
  expect(parseBrowseQuery({ q: ["a", "b"], sort: "cheapest", page: "-1" })).toEqual({
    q: "a",
    sort: "newest",
    page: 1,
  });
  expect(parseBrowseQuery({ page: "abc" }).page).toBe(1);
  expect(parseBrowseQuery({ q: "x".repeat(300) }).q).toHaveLength(100);
});

test("the tickets API is asked for one page of 12, with the search and sort", () => {
  expect(ticketsApiQuery({ q: "jazz & blues", sort: "event_date", page: 2 })).toBe(
    "page=2&limit=12&sort=event_date&q=jazz+%26+blues",
  );
  expect(ticketsApiQuery({ q: "", sort: "newest", page: 1 })).toBe("page=1&limit=12&sort=newest");
});

test("page links keep the search and sort and are real links", () => {
  render(<PaginationLinks page={2} pages={3} basePath="/" params={{ q: "jazz", sort: "price_asc" }} />);
  expect(screen.getByRole("link", { name: "Go to page 1" })).toHaveAttribute("href", "/?q=jazz&sort=price_asc");
  expect(screen.getByRole("link", { name: "Go to page 3" })).toHaveAttribute("href", "/?q=jazz&sort=price_asc&page=3");
  expect(screen.getByRole("link", { name: "page 2" })).toHaveAttribute("aria-current", "page");
});
