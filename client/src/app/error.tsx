"use client";
import { useEffect } from "react";
import surface from "@/components/common/surface.module.css";
import { buttonClass, LinkButton } from "@/components/ui/LinkButton";

/** Any unexpected failure while rendering a page: say so, offer to retry or go home. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as { digest?: string }).digest ?? "") : "";
  return (
    <div className="message-page" role="alert">
      <h1 className={surface.title} style={{ marginBottom: "0.35em" }}>
        Something went wrong
      </h1>
      <p className={surface.paragraph} style={{ marginBottom: 24 }}>
        This page could not be shown just now. It is usually temporary: try again in a moment.
        {digest ? ` (Reference: ${digest})` : ""}
      </p>
      <div style={{ display: "flex", gap: 16, justifyContent: "center", flexWrap: "wrap" }}>
        <button type="button" className={buttonClass("contained")} onClick={() => retry()}>
          Try again
        </button>
        <LinkButton variant="outlined" href="/">
          Go to the home page
        </LinkButton>
      </div>
    </div>
  );
}
