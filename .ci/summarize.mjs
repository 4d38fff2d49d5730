// Prints one line per test run and a total, from vitest's JSON reports, in the plain
// "N passed, N failed, N skipped" form. Exits non-zero when a report is missing, a test failed, or none ran.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`${basename(file)}: no report (the run did not finish)`);
    ok = false;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const p = report.numPassedTests;
  const f = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  const s = report.numPendingTests + report.numTodoTests;
  console.log(`${basename(file, '.json').replace('vitest-', '')}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
  if (f > 0 || p === 0 || !report.success) ok = false;
}
console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
