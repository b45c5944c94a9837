import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Form from "next/form";
import type { EventFilters } from "@/lib/event-query";

const input = {
  padding: "10px 12px",
  border: "1px solid #8a8a8a",
  borderRadius: 4,
  font: "inherit",
  minWidth: 0,
} as const;

/**
 * The search and its filters as a plain GET form to /search: the filters live in the URL,
 * and `next/form` navigates client-side (showing the loading state) without a page reload.
 */
export function EventSearchForm({ filters, showFilters = true }: { filters?: EventFilters; showFilters?: boolean }) {
  return (
    <Box
      component={Form}
      action="/search"
      role="search"
      aria-label="Search events"
      sx={{ display: "grid", gap: 1.5, mb: 3 }}
    >
      <Box sx={{ display: "flex", gap: 1 }}>
        <input
          name="q"
          type="search"
          aria-label="Artist, event, venue or city"
          placeholder="Artist, event, venue or city"
          defaultValue={filters?.q}
          maxLength={100}
          style={{ ...input, flex: 1 }}
        />
        <Button type="submit" variant="contained">
          Search
        </Button>
      </Box>
      {showFilters ? (
        <Box sx={{ display: "grid", gap: 1, gridTemplateColumns: { xs: "1fr 1fr", md: "repeat(5, 1fr)" } }}>
          <Filter label="City" name="city" value={filters?.city} />
          <Filter label="From" name="from" type="date" value={filters?.from} />
          <Filter label="To" name="to" type="date" value={filters?.to} />
          <Filter label="Min price" name="minPrice" value={filters?.minPrice} inputMode="decimal" />
          <Filter label="Max price" name="maxPrice" value={filters?.maxPrice} inputMode="decimal" />
        </Box>
      ) : null}
    </Box>
  );
}

function Filter(props: { label: string; name: string; value?: string; type?: string; inputMode?: "decimal" }) {
  return (
    <Box component="label" sx={{ display: "grid", gap: 0.5, fontSize: "0.875rem", color: "text.secondary" }}>
      {props.label}
      <input
        name={props.name}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        defaultValue={props.value}
        style={input}
      />
    </Box>
  );
}
