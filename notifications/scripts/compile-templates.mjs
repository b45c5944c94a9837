// Compiles the MJML layout into the responsive HTML that ships (src/templates/layout.html),
// a Handlebars template the service fills at run time. MJML runs here, at development time,
// not in the service: loading it costs ~100 MB of memory and seconds of start-up, which the
// per-service budget (≤ 110 MB idle) cannot afford. test/templates checks the committed file
// is what this script produces, so the two never drift apart.
// Usage: npm run templates -w @m-ticketing/notifications (or `node scripts/compile-templates.mjs --check`).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import mjml from "mjml";

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, "../templates/layout.mjml");
const target = path.join(here, "../src/templates/layout.html");

export async function compileLayout() {
  const { html, errors } = await mjml(fs.readFileSync(source, "utf8"), { validationLevel: "strict", minify: false });
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  return html;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const html = await compileLayout();
  if (process.argv.includes("--check")) {
    if (fs.readFileSync(target, "utf8") !== html) {
      console.error("src/templates/layout.html is out of date: run `npm run templates -w @m-ticketing/notifications`");
      process.exit(1);
    }
  } else {
    fs.writeFileSync(target, html);
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
  }
}
