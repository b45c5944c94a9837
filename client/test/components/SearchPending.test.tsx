// Issue 17 item 2: while a new search runs, the old results are marked stale ("77 tickets
// available" stayed as it was while the new search loaded).
import { act, fireEvent, screen } from "@testing-library/react";
import { SearchParamsContext } from "next/dist/shared/lib/hooks-client-context.shared-runtime";
import { useState } from "react";
import { SearchResults } from "@/components/events/SearchResults";
import { renderApp } from "../support/render";

test("results are dimmed and marked busy from sending the search until the new results arrive", () => {
  let arrive: (search: string) => void = () => {};
  function Page() {
    const [search, setSearch] = useState("q=jazz");
    arrive = setSearch;
    return (
      <SearchParamsContext.Provider value={new URLSearchParams(search)}>
        {/* biome-ignore lint/a11y/useSemanticElements: the same markup as the page's search form (a form with role search) */}
        <form role="search" aria-label="Search events" onSubmit={(e) => e.preventDefault()}>
          <input name="q" aria-label="Artist" defaultValue="jazz" />
          <button type="submit">Search</button>
        </form>
        <SearchResults>
          <p>77 events with tickets</p>
        </SearchResults>
      </SearchParamsContext.Provider>
    );
  }
  renderApp(<Page />);
  const results = screen.getByTestId("search-results");
  expect(results).toHaveAttribute("aria-busy", "false");

  // The same search again: nothing will change, so nothing is marked.
  fireEvent.submit(screen.getByRole("search"));
  expect(results).toHaveAttribute("aria-busy", "false");

  fireEvent.change(screen.getByLabelText("Artist"), { target: { value: "rock" } });
  fireEvent.submit(screen.getByRole("search"));
  expect(results).toHaveAttribute("aria-busy", "true");
  expect(screen.getByRole("status")).toHaveTextContent("Searching…");
  expect(screen.getByRole("progressbar", { name: "Searching" })).toBeInTheDocument();

  act(() => arrive("q=rock"));
  expect(results).toHaveAttribute("aria-busy", "false");
  expect(screen.queryByText("Searching…")).not.toBeInTheDocument();
});
