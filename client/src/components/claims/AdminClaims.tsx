"use client";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import { ErrorAlert } from "@/components/common/ErrorAlert";
import { ApiError } from "@/lib/api-error";
import { LocalDateTime } from "../common/LocalDateTime";
import { ClaimOutcome } from "./ClaimStatus";
import { type Claim, type ClaimsApi, claimsApi, photoUrl, reasonLabel } from "./claims-api";

type AdminClaim = Claim & { sellerFlags?: number };

/** The administrators' queue: open claims, oldest first, each decided with Refund or Reject. */
export function AdminClaims({ initialClaims, api = claimsApi }: { initialClaims: AdminClaim[]; api?: ClaimsApi }) {
  const [claims, setClaims] = useState(initialClaims);
  if (claims.length === 0) return <Typography>No open claims. Nothing to decide.</Typography>;
  return (
    <Box component="ul" sx={{ listStyle: "none", p: 0, m: 0, display: "grid", gap: 2 }}>
      {claims.map((claim) => (
        <li key={claim.id}>
          <AdminClaimCard
            claim={claim}
            api={api}
            onDecided={(decided) =>
              setClaims((all) => all.map((c) => (c.id === decided.id ? { ...c, ...decided } : c)))
            }
          />
        </li>
      ))}
    </Box>
  );
}

function AdminClaimCard({
  claim,
  api,
  onDecided,
}: {
  claim: AdminClaim;
  api: ClaimsApi;
  onDecided: (claim: Claim) => void;
}) {
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState<"refund" | "reject" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const titleId = `admin-claim-${claim.id}`;

  const decide = async (decision: "refund" | "reject") => {
    setBusy(decision);
    setError(null);
    try {
      onDecided((await api.decide(claim.id, decision, note.trim() || undefined)).claim);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Something went wrong. Please try again.");
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper variant="outlined" component="article" aria-labelledby={titleId} sx={{ p: 2, display: "grid", gap: 1 }}>
      <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, alignItems: "center" }}>
        <Typography id={titleId} variant="h2" component="h2" sx={{ fontSize: "1.1rem", flex: "1 1 auto" }}>
          {reasonLabel(claim.reason)}
        </Typography>
        {claim.sellerFlags ? (
          <Chip color="warning" label={`Seller flagged ${claim.sellerFlags}×`} size="small" />
        ) : null}
      </Box>
      <Typography variant="body2" color="textSecondary">
        Order {claim.orderId} · opened <LocalDateTime iso={claim.createdAt} />
      </Typography>
      <Typography sx={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
        <strong>Buyer:</strong> {claim.message}
      </Typography>
      {claim.hasPhoto ? (
        <Typography>
          <Link href={photoUrl(claim.id)} target="_blank" rel="noopener">
            See the buyer&apos;s photo
          </Link>
        </Typography>
      ) : null}
      <Typography sx={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
        <strong>Seller:</strong> {claim.sellerAnswer ?? "no answer yet"}
      </Typography>
      {claim.status === "open" ? (
        <>
          <TextField
            id={`${titleId}-note`}
            label="Note to both sides (optional)"
            size="small"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
          <ErrorAlert message={error} />
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
            <Button
              variant="contained"
              color="warning"
              onClick={() => decide("refund")}
              loading={busy === "refund"}
              disabled={busy !== null}
            >
              Refund the buyer in full
            </Button>
            <Button
              variant="outlined"
              onClick={() => decide("reject")}
              loading={busy === "reject"}
              disabled={busy !== null}
            >
              Reject and release the payout
            </Button>
          </Box>
        </>
      ) : (
        <Box aria-live="polite">
          <ClaimOutcome claim={claim} viewer="admin" />
        </Box>
      )}
    </Paper>
  );
}
