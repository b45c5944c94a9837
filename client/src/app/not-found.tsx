import type { Metadata } from "next";
import surface from "@/components/common/surface.module.css";
import { LinkButton } from "@/components/ui/LinkButton";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="message-page">
      <h1 className={surface.title} style={{ marginBottom: "0.35em" }}>
        We could not find that page
      </h1>
      <p className={surface.paragraph} style={{ marginBottom: 24 }}>
        The ticket or order may have been removed, or the link is mistyped.
      </p>
      <LinkButton variant="contained" href="/">
        Browse tickets
      </LinkButton>
    </div>
  );
}
