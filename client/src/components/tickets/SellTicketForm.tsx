"use client";
import CircularProgress from "@mui/material/CircularProgress";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { updateTicket } from "@/lib/api";
import type { ApiError } from "@/lib/api-error";
import { toDateTimeLocal } from "@/lib/format";
import type { TicketFormValues } from "@/lib/validation";
import { useToast } from "../app/useToast";
import { TicketForm } from "./TicketForm";

const editConflict = (err: ApiError) => {
  if (err.status === 409) return "This ticket is reserved or sold, so it can no longer be edited.";
  if (err.status === 403) return "Only the seller can edit this ticket.";
  if (err.status === 404) return "This ticket no longer exists.";
  return null;
};

/**
 * Saves changes to a listing, then shows it. The event date is turned into the browser's
 * local time (what a datetime-local input shows), which the server cannot know: so the
 * form appears once mounted.
 */
export function EditTicketForm({
  id,
  ticket,
  currency,
}: {
  id: string;
  ticket: Omit<TicketFormValues, "eventDate"> & { eventDateIso: string };
  currency: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [initial, setInitial] = useState<TicketFormValues | null>(null);
  useEffect(() => {
    const { eventDateIso, ...rest } = ticket;
    setInitial({ ...rest, eventDate: toDateTimeLocal(eventDateIso) });
  }, [ticket]);
  if (!initial) return <CircularProgress aria-label="Loading the form" />;
  return (
    <TicketForm
      initial={initial}
      currency={currency}
      submitLabel="Save changes"
      translateError={editConflict}
      onSubmit={async (input) => {
        await updateTicket(id, input);
        toast("Your changes are saved.", "success");
        router.push(`/tickets/${id}`);
        router.refresh();
      }}
    />
  );
}
