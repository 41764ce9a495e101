// Electronegativity over the app's sources (and the built page's CSP), run
// offline: its translation download and its "newer Electron releases" check
// need the internet, so translations load from the package and that one
// check is skipped (Electron upgrades are tracked by pinning in package.json).
// Every HIGH or MEDIUM finding must be explained in
// docs/electronegativity-explained.json, or the audit fails.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const electronVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.electron;

// 1. Stage what ships: the sources of every layer the window touches, minus tests, and the page as built.
const stage = mkdtempSync(path.join(os.tmpdir(), 'wb-audit-'));
const skip = (src) => !/\.test\.tsx?$/.test(src) && !src.endsWith(`${path.sep}renderer${path.sep}index.html`);
for (const dir of ['main', 'preload', 'shared', 'renderer']) cpSync(path.join(root, dir), path.join(stage, dir), { recursive: true, filter: skip });
const { RENDERER_CSP } = await import(path.join(root, 'shared', 'lib', 'csp.ts'));
mkdirSync(path.join(stage, 'renderer'), { recursive: true });
writeFileSync(path.join(stage, 'renderer', 'index.html'), readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8').replace('%WORKBENCH_CSP%', RENDERER_CSP));
writeFileSync(path.join(stage, 'package.json'), readFileSync(path.join(root, 'package.json')));

// 2. Translations from the package, without the network.
const i18n = require(require.resolve('i18n', { paths: [packageDir] }));
i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: path.join(packageDir, 'dist', 'locales'), updateFiles: false, objectNotation: true, register: globalThis });
i18n.setLocale('en-US');
// The runner would fetch translations itself: answer from the cache with the ones just loaded.
const fetchTranslations = path.join(packageDir, 'dist', 'locales', 'i18n.js');
require(fetchTranslations);
require.cache[fetchTranslations].exports = async () => {};
const run = require(path.join(packageDir, 'dist', 'runner.js'));

const result = await run(
  {
    input: stage,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);
rmSync(stage, { recursive: true, force: true });

// 3. Judge: every HIGH or MEDIUM finding needs a written reason.
const explained = JSON.parse(readFileSync(path.join(root, 'docs', 'electronegativity-explained.json'), 'utf8')).findings;
const severity = (issue) => String(issue.severity?.name ?? issue.severity).toUpperCase();
const file = (issue) => path.relative(stage, path.resolve(stage, issue.file)).split(path.sep).join('/');
const serious = result.issues.filter((i) => ['HIGH', 'MEDIUM'].includes(severity(i)));
let unexplained = 0;
for (const issue of result.issues) {
  const reason = explained.find((e) => e.id === issue.id && e.file === file(issue));
  const mark = !['HIGH', 'MEDIUM'].includes(severity(issue)) ? 'note' : reason ? 'explained' : 'UNEXPLAINED';
  if (mark === 'UNEXPLAINED') unexplained++;
  console.log(`[electronegativity] ${mark.padEnd(11)} ${severity(issue).padEnd(13)} ${issue.id} ${file(issue)}:${issue.location?.line ?? '?'}${reason ? ` — ${reason.reason}` : ''}`);
}
for (const e of explained) {
  if (!serious.some((i) => i.id === e.id && file(i) === e.file)) console.log(`[electronegativity] stale explanation (no such finding any more): ${e.id} ${e.file}`);
}
if (result.errors.length) console.log(`[electronegativity] ${result.errors.length} file(s) could not be parsed: ${result.errors.map((e) => e.file).join(', ')}`);
console.log(`[electronegativity] ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings, ${serious.length} high/medium, ${unexplained} unexplained`);
process.exit(unexplained ? 1 : 0);
