import Form from "next/form";
import type { EventFilters } from "@/lib/event-query";
import { buttonClass } from "../ui/LinkButton";
import styles from "./search-form.module.css";

/**
 * The search and its filters as a plain GET form to /search: the filters live in the URL,
 * and `next/form` navigates client-side (showing the loading state) without a page reload.
 */
export function EventSearchForm({ filters, showFilters = true }: { filters?: EventFilters; showFilters?: boolean }) {
  return (
    <Form action="/search" role="search" aria-label="Search events" className={styles.form}>
      <div className={styles.row}>
        <input
          name="q"
          type="search"
          aria-label="Artist, event, venue or city"
          placeholder="Artist, event, venue or city"
          defaultValue={filters?.q}
          maxLength={100}
          className={styles.input}
        />
        <button type="submit" className={buttonClass("contained")}>
          Search
        </button>
      </div>
      {showFilters ? (
        <div className={styles.filters}>
          <Filter label="City" name="city" value={filters?.city} />
          <Filter label="From" name="from" type="date" value={filters?.from} />
          <Filter label="To" name="to" type="date" value={filters?.to} />
          <Filter label="Min price" name="minPrice" value={filters?.minPrice} inputMode="decimal" />
          <Filter label="Max price" name="maxPrice" value={filters?.maxPrice} inputMode="decimal" />
        </div>
      ) : null}
    </Form>
  );
}

function Filter(props: { label: string; name: string; value?: string; type?: string; inputMode?: "decimal" }) {
  return (
    <label className={styles.filter}>
      {props.label}
      <input
        name={props.name}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        defaultValue={props.value}
        className={styles.input}
      />
    </label>
  );
}
