import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import type { Claim } from "./claims-api";

/** The outcome of a claim in words, the same for buyer and seller (`viewer` picks the sentence). */
export function ClaimOutcome({ claim, viewer }: { claim: Claim; viewer: "buyer" | "seller" | "admin" }) {
  if (claim.status === "open") {
    return (
      <Alert severity="info">
        <AlertTitle>Claim open</AlertTitle>
        {viewer === "seller"
          ? "Your payout for this sale is on hold until our team decides. You can answer the buyer below."
          : "Our team will look at it and decide. The seller's payout is on hold meanwhile."}
      </Alert>
    );
  }
  if (claim.status === "refunded") {
    const done = claim.paymentStatus === "refunded";
    return (
      <Alert severity={viewer === "buyer" ? "success" : "warning"}>
        <AlertTitle>{viewer === "buyer" ? "You were refunded" : "The buyer was refunded"}</AlertTitle>
        {viewer !== "buyer"
          ? `The claim was upheld: the buyer got ${claim.refundAmount} back and this sale will not be paid out.`
          : done
            ? `${claim.refundAmount} (the ticket price and the service fee) went back to your PayPal account.`
            : `${claim.refundAmount} (the ticket price and the service fee) is on its way back to your PayPal account.`}
        {claim.decisionNote ? ` Note from our team: ${claim.decisionNote}` : null}
      </Alert>
    );
  }
  return (
    <Alert severity="info">
      <AlertTitle>Claim rejected</AlertTitle>
      {viewer === "seller"
        ? "The claim was rejected: your payout goes ahead."
        : viewer === "admin"
          ? "Rejected: the seller's payout goes ahead."
          : "Our team rejected this claim."}
      {claim.decisionNote ? ` Note from our team: ${claim.decisionNote}` : null}
    </Alert>
  );
}
