"use client";
import SearchIcon from "@mui/icons-material/Search";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import FormControl from "@mui/material/FormControl";
import InputAdornment from "@mui/material/InputAdornment";
import InputLabel from "@mui/material/InputLabel";
import NativeSelect from "@mui/material/NativeSelect";
import OutlinedInput from "@mui/material/OutlinedInput";
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
      {/* FormControl + OutlinedInput rather than TextField: TextField brings MUI's whole
          Select (menus, popovers) into the browse page's download. */}
      <FormControl sx={{ flex: "1 1 260px" }}>
        <InputLabel htmlFor="search-q">Search tickets</InputLabel>
        <OutlinedInput
          id="search-q"
          name="q"
          type="search"
          label="Search tickets"
          placeholder="Artist, event, venue…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          inputProps={{ maxLength: 100 }}
          startAdornment={
            <InputAdornment position="start">
              <SearchIcon aria-hidden />
            </InputAdornment>
          }
        />
      </FormControl>
      <FormControl sx={{ flex: "0 1 220px", minWidth: 180 }}>
        <InputLabel htmlFor="search-sort" shrink>
          Sort by
        </InputLabel>
        {/* The platform's own list: the best picker on phones. */}
        <NativeSelect
          id="search-sort"
          name="sort"
          value={order}
          input={<OutlinedInput label="Sort by" notched />}
          onChange={(e) => {
            const next = e.target.value as TicketSort;
            setOrder(next);
            router.push(browseHref(query, next));
          }}
        >
          {SORT_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </NativeSelect>
      </FormControl>
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
