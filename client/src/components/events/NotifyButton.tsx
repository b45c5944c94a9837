"use client";
import Button from "@mui/material/Button";
import { useState } from "react";
import { setEventAlert } from "@/lib/api";

/** "Notify me when tickets are listed": a stored subscription the signed-in visitor can undo. */
export function NotifyButton({ eventId, subscribed }: { eventId: string; subscribed: boolean }) {
  const [on, setOn] = useState(subscribed);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const toggle = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await setEventAlert(eventId, !on);
      setOn(!on);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant={on ? "outlined" : "contained"} onClick={toggle} loading={busy} aria-pressed={on}>
        {on ? "You will be notified (undo)" : "Notify me when tickets are listed"}
      </Button>
      {failed ? (
        <span role="alert" style={{ alignSelf: "center" }}>
          That did not work; try again.
        </span>
      ) : null}
    </>
  );
}
