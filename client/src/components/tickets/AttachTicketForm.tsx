"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import { type FormEvent, useRef, useState } from "react";
import { ErrorAlert } from "@/components/common/ErrorAlert";
import { FileField } from "@/components/common/FileField";
import { attachTicketFile } from "@/lib/api";
import { ApiError } from "@/lib/api-error";
import type { TicketDelivery } from "@/lib/api-types";

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * The seller hands the ticket over: the e-ticket file (PDF, PNG or JPEG, at most 5 MB),
 * whose barcode the server reads; when it reads none, the seller types the value printed
 * with it. Done: the barcode's last four characters, and the way on (`nextHref`).
 */
export function AttachTicketForm({
  ticketId,
  nextHref,
  nextLabel,
  replacing = false,
  request = attachTicketFile,
}: {
  ticketId: string;
  nextHref: string;
  nextLabel: string;
  /** A file is attached already: this one replaces it (allowed until someone reserves the ticket). */
  replacing?: boolean;
  request?: typeof attachTicketFile;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [askBarcode, setAskBarcode] = useState(false);
  const [barcode, setBarcode] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<TicketDelivery | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const found: Record<string, string> = {};
    if (!file) found.file = "Choose the ticket file";
    else if (file.size > MAX_BYTES) found.file = "The ticket file must be at most 5 MB";
    if (askBarcode && barcode.trim().length < 4) found.barcode = "Type the barcode printed on the ticket";
    setErrors(found);
    if (found.file) return fileInput.current?.focus();
    if (found.barcode) return document.getElementById("attach-barcode")?.focus();
    setSending(true);
    try {
      const { delivery } = await request(ticketId, file as File, askBarcode ? barcode.trim() : undefined);
      setDone(delivery);
    } catch (err) {
      if (!(err instanceof ApiError)) setFormError("Something went wrong; try again.");
      else {
        const fields = err.fieldErrors();
        if (fields.barcode && !askBarcode) setAskBarcode(true);
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFormError(err.message);
        else if (fields.file) fileInput.current?.focus();
        else setTimeout(() => document.getElementById("attach-barcode")?.focus());
      }
    } finally {
      setSending(false);
    }
  };

  if (done) {
    return (
      <Box sx={{ display: "grid", gap: 2, justifyItems: "start" }}>
        <Alert severity="success" data-testid="ticket-attached">
          Ticket attached: barcode ending <strong>…{done.barcodeEnding}</strong>. Buyers can see your listing now.
        </Alert>
        <Button variant="contained" href={nextHref}>
          {nextLabel}
        </Button>
      </Box>
    );
  }

  return (
    <Box component="form" noValidate onSubmit={submit} sx={{ display: "grid", gap: 2 }} aria-label="Attach your ticket">
      <ErrorAlert message={formError} />
      <FileField
        ref={fileInput}
        id="attach-file"
        name="file"
        label={`${replacing ? "New ticket file" : "Ticket file"} (PDF, PNG or JPEG, at most 5 MB)`}
        accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
        error={errors.file}
        help="The original e-ticket from the organiser. We read its barcode; nobody sees the file until they have paid."
        onFile={setFile}
      />
      {askBarcode ? (
        <TextField
          id="attach-barcode"
          label="Barcode (as printed on the ticket)"
          value={barcode}
          onChange={(e) => setBarcode(e.target.value)}
          error={Boolean(errors.barcode)}
          helperText={errors.barcode ?? "We could not read the barcode from the file: type the value printed under it"}
          autoComplete="off"
        />
      ) : null}
      <Box>
        <Button type="submit" variant="contained" size="large" loading={sending}>
          {replacing ? "Replace the ticket" : "Attach ticket"}
        </Button>
      </Box>
    </Box>
  );
}
