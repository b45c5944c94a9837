"use client";
import { useEffect, useState } from "react";

/** What a click on a link or a form says while the browser is offline. */
export const OFFLINE_MESSAGE = "You are offline, so that page cannot be opened. It will work again once you reconnect.";

/**
 * While the browser is offline: a banner saying so, and clicks on this site's links (and
 * form submissions that would load a page) stay here with a message, instead of leaving
 * the site for the browser's own error page (issue 17 item 8).
 */
export function OfflineNotice() {
  const [offline, setOffline] = useState(false);
  // Said in the banner itself: a toast's code may not have been downloaded, and now cannot be.
  const [blocked, setBlocked] = useState(0);

  useEffect(() => {
    const update = () => {
      setOffline(!navigator.onLine);
      setBlocked(0);
    };
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);

  useEffect(() => {
    if (!offline) return;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download")) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      // Same page, another anchor (the skip link): nothing to load.
      if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
      event.preventDefault();
      event.stopPropagation();
      setBlocked((n) => n + 1);
    };
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target as HTMLFormElement;
      // Forms handled by scripts (noValidate + onSubmit) report their own network errors.
      if (!form.action || form.getAttribute("action") === null) return;
      event.preventDefault();
      setBlocked((n) => n + 1);
    };
    // Capture phase: before Next's Link handler starts a navigation that would fail.
    document.addEventListener("click", onClick, true);
    document.addEventListener("submit", onSubmit, true);
    return () => {
      document.removeEventListener("click", onClick, true);
      document.removeEventListener("submit", onSubmit, true);
    };
  }, [offline]);

  if (!offline) return null;
  // Plain HTML and CSS (globals.css), not MUI's Alert: nothing more in every page's first download.
  return (
    <div role="status" data-testid="offline-banner" className="offline-banner">
      {blocked > 0
        ? OFFLINE_MESSAGE
        : "You are offline. What is on this page stays readable; links and actions work again once you reconnect."}
    </div>
  );
}
