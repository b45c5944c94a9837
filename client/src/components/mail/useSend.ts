import { useState } from "react";
import { describeError } from "@/lib/api-error";

/**
 * The sending/error state of a small mail-link form: `send(action)` clears the error, shows the
 * button as sending and runs `action`; a failure becomes the form's message. With `keepSending`
 * the button stays busy after success (the page is navigating away).
 */
export function useSend() {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const send = async (action: () => Promise<void>, { keepSending = false } = {}) => {
    setSending(true);
    setError(undefined);
    try {
      await action();
      if (!keepSending) setSending(false);
    } catch (err) {
      setError(describeError(err));
      setSending(false);
    }
  };
  return { sending, error, send };
}
