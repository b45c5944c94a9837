/**
 * Moves keyboard and screen-reader focus to the page's main heading (the h1 inside <main>),
 * or to <main> itself when the page has none: after a route change or an action that
 * removes the focused control, focus must not drop to <body> (issue 17 item 6).
 * Returns the element focused.
 */
export function focusMainHeading(doc: Document = document): HTMLElement | null {
  const main = doc.querySelector<HTMLElement>("main");
  const target = main?.querySelector<HTMLElement>("h1") ?? main ?? doc.querySelector<HTMLElement>("h1");
  if (!target) return null;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: false });
  return target;
}
