// Prints one line per test run and a total, from vitest's JSON reports, in the plain
// "N passed, N failed, N skipped" form, then what failed: each failed test, and each test file that
// failed outside its tests (a hook that threw or timed out, an import error). Exits non-zero when a
// report is missing, anything failed, none ran, or vitest itself reported the run unsuccessful (for
// instance an unhandled rejection: the log above the report has vitest's "Unhandled Errors" section).
import { existsSync, readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;
const problems = [];
for (const file of process.argv.slice(2)) {
  const run = basename(file, '.json').replace('vitest-', '');
  if (!existsSync(file)) {
    console.log(`${basename(file)}: no report (the run did not finish)`);
    ok = false;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let suiteFailures = 0;
  for (const suite of report.testResults ?? []) {
    const name = relative(process.cwd(), suite.name);
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'failed')
        problems.push(
          `${run}: ${name} > ${test.fullName}\n    ${(test.failureMessages ?? []).join('\n    ').slice(0, 800)}`,
        );
    }
    const testsFailed = (suite.assertionResults ?? []).some((test) => test.status === 'failed');
    if (suite.status === 'failed' && !testsFailed) {
      suiteFailures += 1;
      problems.push(
        `${run}: ${name} failed outside its tests\n    ${String(suite.message ?? '').slice(0, 800)}`,
      );
    }
  }
  const p = report.numPassedTests;
  const f = report.numFailedTests + suiteFailures;
  const s = report.numPendingTests + report.numTodoTests;
  console.log(`${run}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
  if (f > 0 || p === 0) ok = false;
  if (!report.success && f === 0) {
    problems.push(
      `${run}: vitest reported the run unsuccessful with no failed test (see "Unhandled Errors" in its log)`,
    );
    ok = false;
  }
}
console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
for (const problem of problems) console.log(`FAILED ${problem}`);
process.exit(ok ? 0 : 1);
