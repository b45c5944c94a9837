"use client";
import Box from "@mui/material/Box";
import Divider from "@mui/material/Divider";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { useEffect, useState } from "react";
import { ClaimView } from "./ClaimView";
import { type Claim, type ClaimsApi, type ClaimWindow, claimsApi } from "./claims-api";
import { ReportProblem } from "./ReportProblem";

/**
 * Buyer protection on a paid order's page: the claim if one was opened, else "Report a
 * problem" while the window is open, else where the protection ended. Renders nothing when
 * payments does not know the order as the viewer's paid purchase.
 */
export function OrderClaims({ orderId, api = claimsApi }: { orderId: string; api?: ClaimsApi }) {
  const [state, setState] = useState<{ claims: Claim[]; window: ClaimWindow | null } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .forOrder(orderId)
      .then((answer) => live && setState(answer))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [api, orderId]);

  if (failed) {
    return (
      <Typography variant="body2" color="textSecondary" role="status">
        Buyer protection details could not be loaded just now. <Link href="/buyer-protection">How to claim</Link>
      </Typography>
    );
  }
  if (!state?.window) return null;
  const [claim] = state.claims;
  return (
    <Paper variant="outlined" component="section" aria-label="Buyer protection" sx={{ p: { xs: 2, sm: 3 }, mt: 3 }}>
      <Typography variant="h2" component="h2" sx={{ fontSize: "1.2rem", mb: 1 }}>
        Buyer protection
      </Typography>
      <Divider sx={{ mb: 2 }} />
      {claim ? (
        <ClaimView initialClaim={claim} viewer="buyer" api={api} />
      ) : state.window.open ? (
        <ReportProblem
          orderId={orderId}
          window={state.window}
          api={api}
          onOpened={(opened) => setState({ claims: [opened], window: { ...state.window!, open: false } })}
        />
      ) : (
        <Box>
          <Typography>
            {state.window.why ? `No claim can be opened: ${state.window.why}.` : "No claim can be opened any more."}{" "}
            <Link href="/buyer-protection">About buyer protection</Link>
          </Typography>
        </Box>
      )}
    </Paper>
  );
}
