import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";

/** What one mail says; the layout turns it into a text and an HTML part. */
export interface MailContent {
  subject: string;
  /** The line mail clients show after the subject. */
  preheader: string;
  heading: string;
  paragraphs: string[];
  /** Label/value rows (price, order number, …). */
  details?: { label: string; value: string }[];
  /** The link back to the page the mail is about: every mail has one. */
  action: { label: string; url: string };
  /** Why the person got this mail. */
  footnote: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface Branding {
  productName: string;
  publicUrl: string;
}

// Read and compiled once at start: Handlebars escapes every `{{value}}` in the HTML layout;
// the text layout uses `{{{value}}}` (no escaping in plain text).
const folder = path.join(__dirname, "../templates");
const htmlLayout = Handlebars.compile(fs.readFileSync(path.join(folder, "layout.html"), "utf8"), { strict: false });
const textLayout = Handlebars.compile(fs.readFileSync(path.join(folder, "layout.txt"), "utf8"), { noEscape: true });

/**
 * Renders a mail in the shared layout (product name at the top, the action as a button and as
 * a plain address, the footnote and, for optional mail, the unsubscribe and settings links).
 */
export function renderMail(
  content: MailContent,
  branding: Branding,
  optOut?: { unsubscribeUrl: string; settingsUrl: string },
): RenderedMail {
  const view = { ...content, ...branding, ...optOut, details: content.details ?? [] };
  return {
    subject: content.subject,
    text: textLayout(view).replace(/\n{3,}/g, "\n\n"),
    html: htmlLayout(view),
  };
}
