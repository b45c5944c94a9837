"use client";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { focusMainHeading } from "@/lib/focus";

/** How long to wait for the new page's heading (the route may stream behind loading.tsx). */
const WAIT_MS = 10_000;

/**
 * After a client-side navigation to another path, focus goes to the new page's h1, so
 * keyboard and screen-reader users start at the top of the new content instead of on
 * <body> (issue 17 item 6). Not on the first load (the browser starts at the top), not
 * when only the query changes (typing in the search box keeps its focus).
 */
export function RouteFocus() {
  const pathname = usePathname();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.querySelector("main");
    const headingReady = () => Boolean(main?.querySelector("h1"));
    if (headingReady() || !main) {
      focusMainHeading();
      return;
    }
    // Still loading (the loading bar has no h1): focus the heading as soon as it appears.
    const observer = new MutationObserver(() => {
      if (!headingReady()) return;
      observer.disconnect();
      clearTimeout(timer);
      focusMainHeading();
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      focusMainHeading();
    }, WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [pathname]);
  return null;
}
