// `npm test`: set up what is missing, then every runner — typecheck, lint,
// the Electron security audit, unit and integration tests (vitest), the build,
// end-to-end tests in Chromium (Playwright) — and one summary line:
// "N passed, N failed, N skipped", summed over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureNodeModules, ensureSystemPackages, log, PINNED_NODE, ROOT, systemPackages } from './lib/setup.mjs';

ensureSystemPackages(systemPackages('test'));
ensureNodeModules();

const results = path.join(ROOT, 'test-results');
mkdirSync(results, { recursive: true });
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const started = Date.now();
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function step(name, args, env = {}) {
  log(`── ${name}`);
  const t0 = Date.now();
  const result = spawnSync(PINNED_NODE, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(0);
  return { ok: result.status === 0, seconds };
}

/** A runner that is one check: it passes or fails as a whole. */
function check(name, args) {
  const { ok, seconds } = step(name, args);
  totals[ok ? 'passed' : 'failed']++;
  lines.push(`${name}: ${ok ? 'passed' : 'FAILED'} (${seconds} s)`);
  return ok;
}

check('typecheck', [path.join(ROOT, 'scripts', 'typecheck.mjs')]);
check('lint (incl. layer rule)', [bin('eslint'), '--max-warnings', '0', '.']);
check('electron security audit', [path.join(ROOT, 'scripts', 'electron-audit.mjs')]);

// vitest: unit and integration tests beside the code.
const vitestJson = path.join(results, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitest = step('unit and integration (vitest)', [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0);
  totals.skipped += skipped;
  lines.push(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped (${vitest.seconds} s)`);
  // Name what failed in the summary, so the last lines of a CI log say it.
  for (const file of report.testResults ?? []) {
    const where = path.relative(ROOT, file.name);
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) {
      lines.push(`  FAILED: ${where} — ${firstLine(file.message)}`);
    }
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed') lines.push(`  FAILED: ${where} › ${test.fullName} — ${firstLine(test.failureMessages?.[0])}`);
    }
  }
} else {
  totals.failed++;
  lines.push('vitest: FAILED to run (no report)');
}

// The build the e2e tests drive.
const built = check('build (vite + esbuild)', [path.join(ROOT, 'scripts', 'build.mjs')]);

// Playwright: the user flows in Chromium against the web host, and under Electron where it exists.
const playwrightJson = path.join(results, 'playwright.json');
rmSync(playwrightJson, { force: true });
if (built) {
  const e2e = step('end-to-end (Playwright, Chromium)', [bin('playwright'), 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
  if (existsSync(playwrightJson)) {
    const report = JSON.parse(readFileSync(playwrightJson, 'utf8'));
    const { expected, unexpected, skipped, flaky } = report.stats;
    totals.passed += expected + flaky;
    totals.failed += unexpected;
    totals.skipped += skipped;
    lines.push(`playwright: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped${flaky ? ` (${flaky} flaky)` : ''} (${e2e.seconds} s)`);
    for (const failedTest of listTests(report, (t) => t.status === 'unexpected')) lines.push(`  FAILED: ${failedTest}`);
    for (const skippedTest of listTests(report, (t) => t.status === 'skipped')) lines.push(`  skipped: ${skippedTest}`);
    if (report.errors?.length) {
      totals.failed += report.errors.length;
      lines.push(`playwright: ${report.errors.length} error(s) outside tests`);
    }
  } else {
    totals.failed++;
    lines.push('playwright: FAILED to run (no report)');
  }
} else {
  totals.failed++;
  lines.push('playwright: not run (the build failed)');
}

function listTests(report, wanted) {
  const out = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (!wanted(test)) continue;
        const reason = test.status === 'skipped'
          ? test.annotations?.find((a) => a.type === 'skip')?.description ?? 'skipped'
          : firstLine(test.results?.at(-1)?.error?.message);
        out.push(`[${test.projectName}] ${[...titles, spec.title].join(' › ')} — ${reason}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  return out;
}

function firstLine(text) {
  const plain = String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '').trim();
  return (plain.split('\n').find((line) => line.trim()) ?? 'no message').slice(0, 300);
}

const summary = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
console.log('');
for (const line of lines) console.log(line);
console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
writeFileSync(path.join(results, 'summary.txt'), `${summary}\n`);
console.log(summary);
process.exit(totals.failed ? 1 : 0);
