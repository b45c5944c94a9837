"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorAlert } from "@/components/common/ErrorAlert";
import { unsubscribe, verifyEmail } from "@/lib/api";
import { describeError } from "@/lib/api-error";

const actions = {
  "verify-email": { label: "Verify my address", run: verifyEmail, done: "Your e-mail address is verified." },
  unsubscribe: { label: "Unsubscribe", run: unsubscribe, done: "Done: we will not send you these e-mails any more." },
};

/**
 * One button that applies a mailed link's token. A click, not the page load, applies it: mail
 * scanners open every link in a mail and must not verify or unsubscribe anyone.
 */
export function TokenAction({ action, token }: { action: keyof typeof actions; token: string }) {
  const router = useRouter();
  const { label, run, done } = actions[action];
  const [state, setState] = useState<{ sending?: boolean; done?: boolean; error?: string }>({});
  const click = async () => {
    setState({ sending: true });
    try {
      await run(token);
      setState({ done: true });
      router.refresh();
    } catch (err) {
      setState({ error: describeError(err) });
    }
  };
  if (state.done) return <Alert severity="success">{done}</Alert>;
  return (
    <>
      <ErrorAlert message={state.error} />
      <Button variant="contained" onClick={click} loading={state.sending}>
        {label}
      </Button>
    </>
  );
}
