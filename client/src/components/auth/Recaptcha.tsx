"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";

interface Grecaptcha {
  render(container: HTMLElement, options: Record<string, unknown>): number;
  reset(widgetId?: number): void;
}

declare global {
  interface Window {
    grecaptcha?: Grecaptcha;
    __onRecaptchaLoad?: () => void;
  }
}

const SCRIPT_URL = "https://www.google.com/recaptcha/api.js?render=explicit&onload=__onRecaptchaLoad";

export interface RecaptchaHandle {
  /** Tokens are single-use: after a failed sign-up the box must be ticked again. */
  reset(): void;
}

/** Google reCAPTCHA v2 checkbox. Only rendered when a site key is configured. */
export const Recaptcha = forwardRef<
  RecaptchaHandle,
  { siteKey: string; onToken: (token: string) => void; error?: string }
>(function Recaptcha({ siteKey, onToken, error }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const widget = useRef<number | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const onTokenRef = useRef(onToken);
  onTokenRef.current = onToken;

  useImperativeHandle(ref, () => ({
    reset() {
      if (widget.current !== null) window.grecaptcha?.reset(widget.current);
      onTokenRef.current("");
    },
  }));

  useEffect(() => {
    const render = () => {
      if (!container.current || widget.current !== null || !window.grecaptcha) return;
      widget.current = window.grecaptcha.render(container.current, {
        sitekey: siteKey,
        callback: (token: string) => onTokenRef.current(token),
        "expired-callback": () => onTokenRef.current(""),
        "error-callback": () => onTokenRef.current(""),
      });
    };
    if (window.grecaptcha) return render();
    window.__onRecaptchaLoad = render;
    if (!document.querySelector(`script[src="${SCRIPT_URL}"]`)) {
      const script = document.createElement("script");
      script.src = SCRIPT_URL;
      script.async = true;
      script.defer = true;
      script.onerror = () => setLoadFailed(true);
      document.head.appendChild(script);
    }
  }, [siteKey]);

  return (
    <Box sx={{ display: "grid", gap: 1 }}>
      <div ref={container} data-testid="recaptcha" data-sitekey={siteKey} />
      {loadFailed ? (
        <Alert severity="error" role="alert">
          The reCAPTCHA check could not load. Check your connection and reload the page.
        </Alert>
      ) : null}
      {error ? (
        <Box role="alert" sx={{ color: "error.main", fontSize: "0.875rem" }}>
          {error}
        </Box>
      ) : null}
    </Box>
  );
});
