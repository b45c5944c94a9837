"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import List from "@mui/material/List";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemText from "@mui/material/ListItemText";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { ErrorAlert } from "@/components/common/ErrorAlert";
import { type Event, listTickets, searchEvents } from "@/lib/api";
import { ApiError } from "@/lib/api-error";
import { formatEventTime, formatPrice, zonedLocalToIso } from "@/lib/format";
import { eventStartProblem } from "@/lib/validation";
import { useToast } from "../app/useToast";
import { YouReceive } from "../payouts/YouReceive";

const PRICE = /^\d{1,7}(\.\d{1,2})?$/;
const toCents = (value: string) => (PRICE.test(value.trim()) ? Math.round(Number(value.trim()) * 100) : null);

const emptyEvent = { name: "", venue: "", city: "", country: "", startsAt: "", timeZone: "", currency: "" };
const emptyListing = { price: "", faceValue: "", quantity: "1", section: "", row: "", seat: "", description: "" };

/** The price cap while typing: the most a seller may ask for this face value, or null. */
export function maxPriceCents(faceValue: string, capPercent: number): number | null {
  const face = toCents(faceValue);
  return face === null || face <= 0 ? null : Math.floor((face * capPercent) / 100);
}

/**
 * Sell: pick the event (search as you type over upcoming events; not there? describe it and
 * it is created, or the same show found), then the listing with the live price cap; then
 * the attach step (`/tickets/:id/attach`) takes each ticket's file.
 */
export function SellForm({ initialEvent, capPercent }: { initialEvent: Event | null; capPercent: number }) {
  const router = useRouter();
  const toast = useToast();
  const [event, setEvent] = useState<Event | null>(initialEvent);
  const [creating, setCreating] = useState(false);
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<Event[]>([]);
  const [draft, setDraft] = useState(emptyEvent);
  const [listing, setListing] = useState(emptyListing);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    setDraft((d) => (d.timeZone ? d : { ...d, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }));
  }, []);

  // Search as you type, a moment after the last key; an older answer never overwrites a newer one.
  useEffect(() => {
    if (event || query.trim().length < 2) {
      setMatches([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchEvents(query.trim(), controller.signal)
        .then((page) => setMatches(page.events))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, event]);

  const typedCurrency = /^[A-Za-z]{3}$/.test(draft.currency.trim()) ? draft.currency.trim().toUpperCase() : "";
  const currency = event?.currency ?? (creating ? typedCurrency : "");
  const max = maxPriceCents(listing.faceValue, capPercent);
  const money = (cents: number) =>
    currency ? formatPrice((cents / 100).toFixed(2), currency) : (cents / 100).toFixed(2);

  const check = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!event && !creating) out.eventSearch = "Pick the event, or create it if it is not there";
    if (creating) {
      for (const key of ["name", "venue", "city", "startsAt", "timeZone"] as const) {
        if (!draft[key].trim()) out[`event.${key}`] = "Required";
      }
      if (!/^[A-Za-z]{2}$/.test(draft.country.trim())) out["event.country"] = "Two letters, e.g. NL";
      const startsAt = eventStartProblem(draft.startsAt);
      if (startsAt) out["event.startsAt"] = startsAt;
      if (draft.currency.trim() && !typedCurrency) out["event.currency"] = "Three letters, e.g. EUR";
    }
    const face = toCents(listing.faceValue);
    const price = toCents(listing.price);
    if (face === null || face <= 0) out.faceValue = "What you paid, e.g. 45.00";
    if (price === null || price <= 0) out.price = "Up to two decimals, e.g. 50.00";
    else if (max !== null && price > max) out.price = `At most ${money(max)} (${capPercent}% of the face value)`;
    const quantity = Number(listing.quantity);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 20) out.quantity = "From 1 to 20";
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = check();
    setErrors(found);
    setFormError(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    setSending(true);
    try {
      const { tickets } = await listTickets({
        ...(event
          ? { eventId: event.id }
          : {
              event: {
                ...draft,
                country: draft.country.trim().toUpperCase(),
                currency: typedCurrency || undefined,
                startsAt: zonedLocalToIso(draft.startsAt, draft.timeZone.trim()),
              },
            }),
        price: listing.price.trim(),
        faceValue: listing.faceValue.trim(),
        quantity: Number(listing.quantity),
        section: listing.section.trim(),
        row: listing.row.trim(),
        seat: listing.seat.trim(),
        description: listing.description.trim(),
      });
      toast(
        tickets.length > 1
          ? "Your tickets are saved: attach each one's file so buyers can see them."
          : "Your listing is saved: attach the ticket so buyers can see it.",
        "success",
      );
      router.push(attachPath(tickets.map((t) => t.id)));
    } catch (err) {
      if (err instanceof ApiError) {
        const fields = err.fieldErrors();
        setErrors(fields);
        const known = Object.keys(fields);
        if (known.length === 0) setFormError(err.message);
        else document.getElementById(fieldId(known[0] as string))?.focus();
      } else setFormError("Something went wrong; try again.");
    } finally {
      setSending(false);
    }
  };

  const eventField = (key: keyof typeof emptyEvent, label: string, extra: object = {}) => ({
    id: fieldId(`event.${key}`),
    label,
    value: draft[key],
    required: true,
    error: Boolean(errors[`event.${key}`]),
    helperText: errors[`event.${key}`] ?? " ",
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
    ...extra,
  });
  const listingField = (key: keyof typeof emptyListing, label: string, hint = " ") => ({
    id: fieldId(key),
    label,
    value: listing[key],
    error: Boolean(errors[key]),
    helperText: errors[key] ?? hint,
    onChange: (e: { target: { value: string } }) => setListing((l) => ({ ...l, [key]: e.target.value })),
  });

  return (
    <Box component="form" noValidate onSubmit={submit} sx={{ display: "grid", gap: 1 }} aria-label="Sell tickets">
      <ErrorAlert message={formError} />
      <Typography variant="h2" component="h2" sx={{ fontSize: "1.2rem" }}>
        1. The event
      </Typography>
      {event ? (
        <Alert
          severity="info"
          icon={false}
          data-testid="picked-event"
          action={
            initialEvent ? null : (
              <Button color="inherit" size="small" onClick={() => setEvent(null)}>
                Change
              </Button>
            )
          }
        >
          <strong>{event.name}</strong> — {event.venue}, {event.city} ·{" "}
          {formatEventTime(event.startsAt, event.timeZone)}
        </Alert>
      ) : creating ? (
        <Box sx={{ display: "grid", gap: 1, gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr" } }}>
          <TextField {...eventField("name", "Event name")} />
          <TextField {...eventField("venue", "Venue")} />
          <TextField {...eventField("city", "City")} />
          <TextField {...eventField("country", "Country code (e.g. NL)")} />
          <TextField
            {...eventField("startsAt", "Starts at (local time there)", {
              type: "datetime-local",
              slotProps: { inputLabel: { shrink: true } },
            })}
          />
          <TextField {...eventField("timeZone", "Time zone (e.g. Europe/Amsterdam)")} />
          <TextField {...eventField("currency", "Currency (optional, e.g. EUR)", { required: false })} />
          <Button onClick={() => setCreating(false)} sx={{ justifySelf: "start" }}>
            Search existing events instead
          </Button>
        </Box>
      ) : (
        <Box>
          <TextField
            id={fieldId("eventSearch")}
            label="Search the event"
            placeholder="Artist, event, venue or city"
            fullWidth
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            error={Boolean(errors.eventSearch)}
            helperText={errors.eventSearch ?? "Type at least two letters"}
            autoComplete="off"
          />
          {matches.length > 0 ? (
            <List aria-label="Matching events" dense>
              {matches.map((m) => (
                <ListItemButton key={m.id} onClick={() => setEvent(m)}>
                  <ListItemText
                    primary={m.name}
                    secondary={`${m.venue}, ${m.city} · ${formatEventTime(m.startsAt, m.timeZone)}`}
                  />
                </ListItemButton>
              ))}
            </List>
          ) : null}
          <Button onClick={() => setCreating(true)}>Not there? Create the event</Button>
        </Box>
      )}

      <Typography variant="h2" component="h2" sx={{ fontSize: "1.2rem", mt: 2 }}>
        2. Your tickets
      </Typography>
      <Box sx={{ display: "grid", gap: 1, gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr 1fr" } }}>
        <TextField
          {...listingField("faceValue", `Face value${currency ? ` (${currency})` : ""}`, "What you paid per ticket")}
          required
          slotProps={{ htmlInput: { inputMode: "decimal" } }}
        />
        <TextField
          {...listingField(
            "price",
            `Price${currency ? ` (${currency})` : ""}`,
            max !== null
              ? `Maximum ${money(max)} (${capPercent}% of the face value)`
              : `At most ${capPercent}% of the face value`,
          )}
          required
          slotProps={{ htmlInput: { inputMode: "decimal" } }}
        />
        <TextField
          {...listingField("quantity", "How many", "Each sold separately")}
          type="number"
          slotProps={{ htmlInput: { min: 1, max: 20 } }}
        />
        <TextField {...listingField("section", "Section (optional)")} />
        <TextField {...listingField("row", "Row (optional)")} />
        <TextField {...listingField("seat", "Seat (optional)")} />
      </Box>
      <YouReceive price={listing.price} currency={currency || "USD"} />
      <TextField {...listingField("description", "Description (optional)")} multiline minRows={2} />
      <Box>
        <Button type="submit" variant="contained" size="large" loading={sending}>
          List tickets
        </Button>
      </Box>
    </Box>
  );
}

const fieldId = (field: string) => `sell-${field.replace(/\./g, "-")}`;

/** The attach step of the first new listing, naming the others still waiting for their ticket. */
export function attachPath([first, ...rest]: string[]): string {
  return `/tickets/${first}/attach${rest.length ? `?then=${rest.join(",")}` : ""}`;
}
