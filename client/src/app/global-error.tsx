"use client";

/** Last resort when even the page frame fails: plain HTML, no theme needed. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: 560, margin: "4rem auto", padding: "0 1rem" }}>
        <title>Something went wrong · Ticketing</title>
        <h1>Something went wrong</h1>
        <p>Ticketing could not be shown just now. It is usually temporary.</p>
        <p>
          <button type="button" onClick={() => retry()} style={{ fontSize: "1rem", padding: "0.5rem 1rem" }}>
            Try again
          </button>{" "}
          <a href="/">Go to the home page</a>
        </p>
      </body>
    </html>
  );
}
