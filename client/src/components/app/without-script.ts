/**
 * Pages without JavaScript (issue 17: search and browsing work with scripts off).
 *
 * Every page streams behind the root loading.tsx: the first bytes carry the loading state
 * inside <main>, and React sends the finished page later, after the footer, in a hidden
 * `<div hidden id="S:…">` that a small inline script moves into place. With scripts off
 * nothing moves it, so the visitor would see the loading state forever. Inside <noscript>
 * (read only when scripts are off) this CSS hides the loading state and shows the streamed
 * page between the header and the footer. The `S:` ids are React's streaming format; the
 * browser test "without JavaScript …" (client/e2e/events.e2e.mjs) fails if React changes it.
 */
export const WITHOUT_SCRIPT_CSS = `
body { display: flex; flex-direction: column; min-height: 100vh; }
.page-main:has(> [data-testid="page-loading"]) { display: none; }
body > div[hidden][id^="S:"] {
  display: block; order: 1; box-sizing: border-box;
  width: 100%; max-width: 1200px; margin: 0 auto; padding: 16px; min-height: 70vh;
}
@media (min-width: 600px) { body > div[hidden][id^="S:"] { padding: 32px 24px; } }
.site-footer { order: 2; }
`;
