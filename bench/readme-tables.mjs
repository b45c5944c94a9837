// `node bench/readme-tables.mjs [results.json]`: puts a run's rows into the READMEs, so the
// tables there are always what a run wrote, never retyped. Each README marks a block per
// workload, `<!-- bench:B9 -->` … `<!-- /bench:B9 -->`; every block whose workload the run
// measured is replaced by the run's machine line and those rows (blocks of workloads the
// run did not measure are left as they are). Default input: bench-results/latest.json.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderMarkdown } from "./lib/report.mjs";

const ROOT = join(import.meta.dirname, "..");
const READMES = ["README.md", "bench/README.md"];
const file = process.argv[2] ?? join(ROOT, "bench-results/latest.json");
const result = JSON.parse(readFileSync(file, "utf8"));
const block = /(<!-- bench:(B\d+) -->\n)[\s\S]*?(<!-- \/bench:\2 -->)/g;

for (const readme of READMES) {
  const path = join(ROOT, readme);
  const before = readFileSync(path, "utf8");
  const replaced = [];
  const after = before.replace(block, (whole, open, id, close) => {
    const rows = result.rows.filter((row) => row.id === id);
    if (!rows.length) return whole;
    replaced.push(id);
    return `${open}${renderMarkdown(result, rows)}\n${close}`;
  });
  if (after !== before) writeFileSync(path, after);
  console.log(`${readme}: ${replaced.length ? `updated ${replaced.join(", ")}` : "nothing to update"} from ${file}`);
}
