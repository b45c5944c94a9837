"use client";
import SearchIcon from "@mui/icons-material/Search";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import InputAdornment from "@mui/material/InputAdornment";
import MenuItem from "@mui/material/MenuItem";
import TextField from "@mui/material/TextField";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import type { TicketSort } from "@/lib/api-types";

export const SORT_OPTIONS: { value: TicketSort; label: string }[] = [
  { value: "newest", label: "Newest first" },
  { value: "price_asc", label: "Price: low to high" },
  { value: "price_desc", label: "Price: high to low" },
  { value: "event_date", label: "Event date: soonest" },
];

export function browseHref(q: string, sort: TicketSort, page = 1): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set("q", q.trim());
  if (sort !== "newest") params.set("sort", sort);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

/** Search and sort. A plain GET form, so it also works before the JavaScript has loaded. */
export function TicketSearchBar({ q, sort }: { q: string; sort: TicketSort }) {
  const router = useRouter();
  const [query, setQuery] = useState(q);
  const [order, setOrder] = useState<TicketSort>(sort);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    router.push(browseHref(query, order));
  };

  return (
    <Box
      component="form"
      role="search"
      action="/"
      method="get"
      onSubmit={submit}
      sx={{ display: "flex", flexWrap: "wrap", gap: 2, mb: 3, alignItems: "flex-start" }}
    >
      <TextField
        name="q"
        type="search"
        label="Search tickets"
        placeholder="Artist, event, venue…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        sx={{ flex: "1 1 260px" }}
        slotProps={{
          htmlInput: { maxLength: 100 },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon aria-hidden />
              </InputAdornment>
            ),
          },
        }}
      />
      <TextField
        select
        name="sort"
        label="Sort by"
        value={order}
        onChange={(e) => {
          const next = e.target.value as TicketSort;
          setOrder(next);
          router.push(browseHref(query, next));
        }}
        sx={{ flex: "0 1 220px", minWidth: 180 }}
      >
        {SORT_OPTIONS.map((option) => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </TextField>
      <Button
        type="submit"
        variant="contained"
        size="large"
        sx={{ height: 56, flex: { xs: "1 1 100%", sm: "0 0 auto" } }}
      >
        Search
      </Button>
    </Box>
  );
}
