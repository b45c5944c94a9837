// Adds up the test counts every step left in the results folder and prints the one
// closing line CI reads: `tests: N passed, N failed`. Exits non-zero if anything failed.
import fs from "node:fs";
import path from "node:path";

const [dir, failedSteps = "0"] = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const file of fs.readdirSync(dir)) {
  const full = path.join(dir, file);
  if (file.endsWith(".json") && file.startsWith("jest")) {
    const r = JSON.parse(fs.readFileSync(full, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  } else if (file.endsWith(".counts")) {
    // `passed failed` written by steps with other runners (node --test, Playwright, checks)
    const [p = 0, f = 0] = fs.readFileSync(full, "utf8").trim().split(/\s+/).map(Number);
    passed += p;
    failed += f;
  }
}
const stepsFailed = Number(failedSteps);
if (stepsFailed > 0) {
  const names = fs.existsSync(path.join(dir, "failed-steps"))
    ? fs.readFileSync(path.join(dir, "failed-steps"), "utf8")
    : "";
  console.log(`\nfailed steps:\n${names}`);
}
console.log(`\ntests: ${passed} passed, ${failed + (failed === 0 ? stepsFailed : 0)} failed`);
process.exit(failed + stepsFailed > 0 ? 1 : 0);
