"use client";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import FormControl from "@mui/material/FormControl";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormHelperText from "@mui/material/FormHelperText";
import FormLabel from "@mui/material/FormLabel";
import Link from "@mui/material/Link";
import Radio from "@mui/material/Radio";
import RadioGroup from "@mui/material/RadioGroup";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import { ErrorAlert } from "@/components/common/ErrorAlert";
import { FileField } from "@/components/common/FileField";
import { ApiError } from "@/lib/api-error";
import { LocalDateTime } from "../common/LocalDateTime";
import {
  type Claim,
  type ClaimReason,
  type ClaimsApi,
  type ClaimWindow,
  claimsApi,
  PHOTO_MAX_BYTES,
  REASONS,
} from "./claims-api";

/**
 * "Report a problem" on a paid order: reason and message, sent as a buyer-protection claim.
 * Shown while the claim window is open; `onOpened` gets the new claim.
 */
export function ReportProblem({
  orderId,
  window,
  onOpened,
  api = claimsApi,
}: {
  orderId: string;
  window: ClaimWindow;
  onOpened: (claim: Claim) => void;
  api?: ClaimsApi;
}) {
  const [expanded, setExpanded] = useState(false);
  const [reason, setReason] = useState<ClaimReason | "">("");
  const [message, setMessage] = useState("");
  const [photo, setPhoto] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ reason?: string; message?: string; photo?: string; form?: string }>({});
  const [sending, setSending] = useState(false);

  if (!expanded) {
    return (
      <Box sx={{ display: "grid", gap: 1 }}>
        <Typography>
          Something wrong with this ticket? You are covered by our{" "}
          <Link href="/buyer-protection">buyer protection</Link>
          {window.until ? (
            <>
              {" "}
              until <LocalDateTime iso={window.until} />
            </>
          ) : null}
          .
        </Typography>
        <Box>
          <Button variant="outlined" color="warning" onClick={() => setExpanded(true)}>
            Report a problem
          </Button>
        </Box>
      </Box>
    );
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!reason) found.reason = "Choose what went wrong.";
    if (!message.trim()) found.message = "Tell us what happened.";
    if (photo && !["image/jpeg", "image/png"].includes(photo.type)) found.photo = "Choose a JPEG or PNG picture.";
    else if (photo && photo.size > PHOTO_MAX_BYTES) found.photo = "The picture must be at most 2 MB.";
    setErrors(found);
    if (found.reason || found.message || found.photo) {
      const first = found.reason ? "claim-reason-not_received" : found.message ? "claim-message" : "claim-photo";
      document.getElementById(first)?.focus();
      return;
    }
    setSending(true);
    try {
      const { claim } = await api.open({ orderId, reason: reason as ClaimReason, message: message.trim() });
      // The claim stands even if the photo cannot be added: it is optional.
      const withPhoto = photo ? await api.addPhoto(claim.id, photo).catch(() => null) : null;
      onOpened(withPhoto?.claim ?? claim);
    } catch (err) {
      if (err instanceof ApiError) {
        const byField = err.fieldErrors();
        setErrors({
          reason: byField.reason,
          message: byField.message,
          form: byField.reason || byField.message ? undefined : err.message,
        });
      } else setErrors({ form: "Something went wrong. Please try again." });
    } finally {
      setSending(false);
    }
  };

  return (
    <Box
      component="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="report-problem-title"
      sx={{ display: "grid", gap: 2 }}
    >
      <Typography id="report-problem-title" variant="h2" component="h2" sx={{ fontSize: "1.2rem" }}>
        Report a problem
      </Typography>
      <ErrorAlert message={errors.form} />
      <FormControl error={Boolean(errors.reason)}>
        <FormLabel id="claim-reason-label">What went wrong?</FormLabel>
        <RadioGroup
          aria-labelledby="claim-reason-label"
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value as ClaimReason)}
        >
          {REASONS.map((r) => (
            <FormControlLabel
              key={r.value}
              value={r.value}
              control={<Radio slotProps={{ input: { id: `claim-reason-${r.value}` } }} />}
              label={r.label}
            />
          ))}
        </RadioGroup>
        {errors.reason ? <FormHelperText>{errors.reason}</FormHelperText> : null}
      </FormControl>
      <TextField
        id="claim-message"
        label="What happened?"
        multiline
        minRows={4}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        error={Boolean(errors.message)}
        helperText={errors.message ?? "Give the details our team needs: when, where, what you saw."}
        slotProps={{ htmlInput: { maxLength: 2000 } }}
      />
      <FileField
        id="claim-photo"
        name="photo"
        label="Photo (optional: JPEG or PNG, at most 2 MB)"
        accept="image/jpeg,image/png"
        error={errors.photo}
        help="A picture of the refused ticket or the message you saw helps our team."
        onFile={setPhoto}
      />
      <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
        <Button type="submit" variant="contained" loading={sending}>
          Send claim
        </Button>
        <Button onClick={() => setExpanded(false)} disabled={sending}>
          Cancel
        </Button>
      </Box>
    </Box>
  );
}
