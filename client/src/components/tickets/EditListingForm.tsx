"use client";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import InputAdornment from "@mui/material/InputAdornment";
import TextField from "@mui/material/TextField";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { type ListingEdit, updateTicket } from "@/lib/api";
import type { ApiError } from "@/lib/api-error";
import { formatPrice } from "@/lib/format";
import { LIMITS, type ListingEditField, type ListingEditValues, validateListingEdit } from "@/lib/validation";
import { useToast } from "../app/useToast";
import { FormErrors } from "../common/FormErrors";
import { focusField, useFormErrors } from "../common/useFormErrors";
import { YouReceive } from "../payouts/YouReceive";
import { maxPriceCents } from "./SellForm";

/** Exactly what `PUT /api/tickets/:id` changes: the event (name, venue, time) is not the listing's to edit. */
const FIELDS: readonly ListingEditField[] = ["price", "faceValue", "section", "row", "seat", "description"];

const editConflict = (err: ApiError) => {
  if (err.status === 409) return "This ticket is reserved or sold, so it can no longer be edited.";
  if (err.status === 403) return "Only the seller can edit this ticket.";
  if (err.status === 404) return "This ticket no longer exists.";
  return null;
};

export interface EditListingFormProps {
  initial: ListingEditValues;
  currency: string;
  /** PRICE_CAP_PERCENT: the most a seller may ask, relative to the face value (the service enforces it). */
  capPercent: number;
  /** Sends the change; throws an ApiError on failure (shown next to the fields). */
  save: (edit: ListingEdit) => Promise<unknown>;
  /** After a successful save. */
  onSaved: () => void;
}

/** The seller edits a listing's own fields, checked while typing by the tickets service's rules. */
export function EditListingForm({ initial, currency, capPercent, save, onSaved }: EditListingFormProps) {
  const [values, setValues] = useState<ListingEditValues>(initial);
  const [sending, setSending] = useState(false);
  const form = useFormErrors(FIELDS, () => validateListingEdit(values, capPercent));
  const max = maxPriceCents(values.faceValue, capPercent);

  const field = (name: ListingEditField, hint?: string) => form.bind("listing", name, values, setValues, hint);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = form.validateAll();
    if (invalid) return focusField(`listing-${invalid}`);
    setSending(true);
    try {
      const faceValue = values.faceValue.trim();
      // Optional text sent as "" clears it; a listing from before face values keeps none until one is given.
      await save({
        price: values.price.trim(),
        ...(faceValue ? { faceValue } : {}),
        section: values.section.trim(),
        row: values.row.trim(),
        seat: values.seat.trim(),
        description: values.description.trim(),
      });
      onSaved();
    } catch (err) {
      const first = form.fromServer(err, editConflict);
      if (first) focusField(`listing-${first}`);
    } finally {
      setSending(false);
    }
  };

  const money = (cents: number) => formatPrice((cents / 100).toFixed(2), currency);
  const adornment = { input: { endAdornment: <InputAdornment position="end">{currency}</InputAdornment> } };
  return (
    <Box component="form" noValidate onSubmit={submit} sx={{ display: "grid", gap: 1 }} aria-label="Listing details">
      <FormErrors errors={form.formErrors} />
      <Box sx={{ display: "grid", gap: 1, gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr" } }}>
        <TextField
          {...field("faceValue", "What you paid per ticket")}
          label="Face value"
          slotProps={{ htmlInput: { inputMode: "decimal" }, ...adornment }}
        />
        <TextField
          {...field(
            "price",
            max !== null
              ? `Maximum ${money(max)} (${capPercent}% of the face value)`
              : `At most ${capPercent}% of the face value`,
          )}
          label="Price"
          required
          slotProps={{ htmlInput: { inputMode: "decimal" }, ...adornment }}
        />
      </Box>
      <Box sx={{ display: "grid", gap: 1, gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr 1fr" } }}>
        <TextField {...field("section")} label="Section (optional)" />
        <TextField {...field("row")} label="Row (optional)" />
        <TextField {...field("seat")} label="Seat (optional)" />
      </Box>
      <YouReceive price={values.price} currency={currency} />
      <TextField
        {...field("description", `${values.description.trim().length} / ${LIMITS.descriptionMax}`)}
        label="Description (optional)"
        multiline
        minRows={3}
      />
      <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap" }}>
        <Button type="submit" variant="contained" size="large" loading={sending}>
          Save changes
        </Button>
      </Box>
    </Box>
  );
}

/** The edit page's form: saves through the tickets API, then shows the listing. */
export function EditListing({ id, ...props }: Omit<EditListingFormProps, "save" | "onSaved"> & { id: string }) {
  const router = useRouter();
  const toast = useToast();
  return (
    <EditListingForm
      {...props}
      save={(edit) => updateTicket(id, edit)}
      onSaved={() => {
        toast("Your changes are saved.", "success");
        router.push(`/tickets/${id}`);
        router.refresh();
      }}
    />
  );
}
