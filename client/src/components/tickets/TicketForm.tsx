"use client";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import InputAdornment from "@mui/material/InputAdornment";
import TextField from "@mui/material/TextField";
import { type FormEvent, useState } from "react";
import type { TicketInput } from "@/lib/api";
import type { ApiError } from "@/lib/api-error";
import { fromDateTimeLocal } from "@/lib/format";
import { LIMITS, type TicketField, type TicketFormValues, validateTicket } from "@/lib/validation";
import { FormErrors } from "../common/FormErrors";
import { focusField, useFormErrors } from "../common/useFormErrors";

const FIELDS: readonly TicketField[] = ["title", "price", "eventDate", "venue", "description"];

export const emptyTicket: TicketFormValues = { title: "", price: "", eventDate: "", venue: "", description: "" };

export interface TicketFormProps {
  initial?: TicketFormValues;
  currency?: string;
  submitLabel: string;
  /** Sends the ticket; throws an ApiError on failure (shown next to the fields). */
  onSubmit: (input: TicketInput) => Promise<void>;
  /** A sentence for failures that are not about one field (e.g. a 409), or null. */
  translateError?: (err: ApiError) => string | null;
}

/** The sell and edit form, checking the same rules as the tickets service while you type. */
export function TicketForm({
  initial = emptyTicket,
  currency = "USD",
  submitLabel,
  onSubmit,
  translateError,
}: TicketFormProps) {
  const [values, setValues] = useState<TicketFormValues>(initial);
  const [sending, setSending] = useState(false);
  const form = useFormErrors(FIELDS, () => validateTicket(values));

  const field = (name: TicketField) => form.bind("ticket", name, values, setValues, HINTS[name]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = form.validateAll();
    if (invalid) return focusField(`ticket-${invalid}`);
    setSending(true);
    try {
      await onSubmit({
        title: values.title.trim(),
        price: values.price.trim(),
        eventDate: fromDateTimeLocal(values.eventDate),
        venue: values.venue.trim(),
        description: values.description.trim(),
      });
    } catch (err) {
      const first = form.fromServer(err, translateError);
      if (first) focusField(`ticket-${first}`);
    } finally {
      setSending(false);
    }
  };

  return (
    <Box component="form" noValidate onSubmit={submit} sx={{ display: "grid", gap: 1 }} aria-label="Ticket details">
      <FormErrors errors={form.formErrors} />
      <TextField
        {...field("title")}
        label="Title"
        required
        slotProps={{ htmlInput: { maxLength: LIMITS.titleMax + 20 } }}
      />
      <Box sx={{ display: "grid", gap: 1, gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr" } }}>
        <TextField
          {...field("price")}
          label="Price"
          required
          slotProps={{
            htmlInput: { inputMode: "decimal" },
            input: { endAdornment: <InputAdornment position="end">{currency}</InputAdornment> },
          }}
        />
        <TextField
          {...field("eventDate")}
          label="Event date and time"
          type="datetime-local"
          required
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Box>
      <TextField {...field("venue")} label="Venue" required />
      <TextField
        {...field("description")}
        label="Description (optional)"
        multiline
        minRows={3}
        helperText={form.errorFor("description") ?? `${values.description.trim().length} / ${LIMITS.descriptionMax}`}
      />
      <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap" }}>
        <Button type="submit" variant="contained" size="large" loading={sending}>
          {submitLabel}
        </Button>
      </Box>
    </Box>
  );
}

const HINTS: Partial<Record<TicketField, string>> = {
  title: "What the ticket is for, e.g. “Arctic Monkeys — floor standing”",
  price: "Up to 1,000,000, at most two decimals",
  venue: "Where the event takes place",
};
