"use client";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import { ApiError } from "@/lib/api-error";
import { LocalDateTime } from "../common/LocalDateTime";
import { ClaimOutcome } from "./ClaimStatus";
import { type Claim, type ClaimsApi, claimsApi, photoUrl, reasonLabel } from "./claims-api";

/**
 * One claim for its buyer or seller: what the buyer reported, the seller's answer (the
 * seller can write it while the claim is open) and the decision.
 */
export function ClaimView({
  initialClaim,
  viewer,
  api = claimsApi,
}: {
  initialClaim: Claim;
  viewer: "buyer" | "seller" | "admin";
  api?: ClaimsApi;
}) {
  const [claim, setClaim] = useState(initialClaim);
  const [answer, setAnswer] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!answer.trim()) {
      setError("Write your answer first.");
      return;
    }
    setSending(true);
    setError(null);
    try {
      setClaim((await api.answer(claim.id, answer.trim())).claim);
      setAnswer("");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Something went wrong. Please try again.");
    } finally {
      setSending(false);
    }
  };

  return (
    <Box sx={{ display: "grid", gap: 2 }}>
      <Box aria-live="polite">
        <ClaimOutcome claim={claim} viewer={viewer} />
      </Box>
      <Box component="section" aria-labelledby={`claim-${claim.id}-report`}>
        <Typography id={`claim-${claim.id}-report`} variant="h2" component="h2" sx={{ fontSize: "1.1rem", mb: 1 }}>
          {viewer === "buyer" ? "What you reported" : "What the buyer reported"}
        </Typography>
        <Typography sx={{ fontWeight: 600 }}>{reasonLabel(claim.reason)}</Typography>
        <Typography sx={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>{claim.message}</Typography>
        {claim.hasPhoto ? (
          <Box
            component="img"
            src={photoUrl(claim.id)}
            alt={viewer === "buyer" ? "The photo you attached" : "The photo the buyer attached"}
            sx={{ display: "block", maxWidth: "100%", maxHeight: "20rem", mt: 1, borderRadius: 1 }}
          />
        ) : null}
        <Typography variant="body2" color="textSecondary">
          Opened <LocalDateTime iso={claim.createdAt} />
        </Typography>
      </Box>
      <Box component="section" aria-labelledby={`claim-${claim.id}-answer`}>
        <Typography id={`claim-${claim.id}-answer`} variant="h2" component="h2" sx={{ fontSize: "1.1rem", mb: 1 }}>
          {viewer === "seller" ? "Your answer" : "The seller's answer"}
        </Typography>
        {claim.sellerAnswer ? (
          <Typography sx={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>{claim.sellerAnswer}</Typography>
        ) : (
          <Typography color="textSecondary">No answer yet.</Typography>
        )}
        {viewer === "seller" && claim.status === "open" ? (
          <Box component="form" onSubmit={send} noValidate sx={{ display: "grid", gap: 1, mt: 1 }}>
            <TextField
              id="claim-answer"
              label={claim.sellerAnswer ? "Change your answer" : "Answer the buyer"}
              multiline
              minRows={3}
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              error={Boolean(error)}
              helperText={error ?? "Our team reads both sides before deciding."}
              slotProps={{ htmlInput: { maxLength: 2000 } }}
            />
            <Box>
              <Button type="submit" variant="contained" loading={sending}>
                Send answer
              </Button>
            </Box>
          </Box>
        ) : null}
      </Box>
    </Box>
  );
}
