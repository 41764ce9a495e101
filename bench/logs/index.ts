// `npm run bench -- logs [--lines 1000000] [--runs 3] [--no-ui]`
// A 1,000,000-line log file of mixed formats (JSON, logfmt, nginx access,
// syslog, Java errors with stack traces; ~200 MB, the same bytes every time)
// loaded three ways in the same run: the workbench's pipeline as main runs it
// (a read stream, an EntryParser, a LogStore; then a regex filter over it),
// lnav headless loading and indexing the same file, and `grep -c -E` as the
// floor for the filter. Each workbench run is a fresh process, so its peak
// RSS is the store's (and the parser's) alone. Then (ui.ts) the same file and
// one of 100,000 lines opened in the web host and scrolled in Chromium: the
// renderer's heap for both (it should not grow with the file), frame times
// while scrolling, the longest task, and main's memory.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { LogFilter, LogSettings } from '../../shared/contract/logs';
import { DisposableStore } from '../../shared/lib/disposable';
import { LineScanner, ScanBatch } from '../../shared/logs/lite';
import { createLogger } from '../../main/services/log';
import { LogService } from '../../main/services/logs/service';
import { startFileSource } from '../../main/services/logs/sources/file';
import { mixedLogLines } from '../../shared/logs/testing/mixed';
import { CHUNK_BYTES } from '../../main/services/logs/sources/file';
import { arg, fmt, median, table } from '../lib/stats';
import type { UiResult } from './ui';

const LINES = arg('lines', 1_000_000);
/** The smaller file the renderer's memory is compared on. */
const SMALL_LINES = Math.min(100_000, LINES);
const UI = !process.argv.includes('--no-ui');
const RUNS = arg('runs', 3);
const PATTERN = 'timeout|refused';
const GENERATOR_VERSION = 2;

// ---------------------------------------------------------------- the file

/** Writes the file (the lines of shared/logs/testing/mixed.ts) and returns how many lines hold the pattern (grep's count). */
async function generate(file: string, lines: number): Promise<number> {
  const out = createWriteStream(file);
  let matching = 0;
  let buffer = '';
  for (const line of mixedLogLines(lines)) {
    buffer += line + '\n';
    if (/timeout|refused/.test(line)) matching++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return matching;
}

// ---------------------------------------------------------------- the workbench (in a child process)

interface LoadResult {
  loadMs: number;
  filterMs: number;
  filterCiMs: number;
  refilterMs: number;
  matched: number;
  matchedCi: number;
  entries: number;
  lines: number;
  peakRssMb: number;
  rssMb: number;
  heapMb: number;
  storeMb: number;
}

/**
 * Open the file in a log view as main does — the LogService with a file
 * source, whose scanner reads it a chunk at a time (1 MB reads, the next one
 * under way while a chunk is scanned) into the view's store — until every
 * entry is in the store: all but the last, which the source keeps open until
 * the file goes quiet, as any follower of a growing file must. Then filter.
 */
async function loadInProcess(file: string, entries: number): Promise<LoadResult> {
  const log = createLogger('bench', 'silent');
  const logs = new LogService({
    settings: () => LogSettings.parse({ maxLines: 2_000_000 }),
    log,
    startSource: (spec, sink) => startFileSource((spec as { path: string }).path, { tailLines: 1_000_000, log }, sink),
  });
  const connection = { id: 1, disposables: new DisposableStore(), log };
  const h = logs.handlers(connection);
  const all = LogFilter.parse({});
  const total = async () => (await h.window({ viewId, filter: all, offset: 0, limit: 1 }, connection)).total;
  const start = performance.now();
  const { viewId } = await h.open({ sources: [{ kind: 'file', path: file }] }, connection);
  // Probed through stats(), not a window: the probe's own cost (a filter compiled each time) is not the load's.
  while (logs.stats().lines < entries - 1) await new Promise((resolve) => setTimeout(resolve, 2));
  const loadMs = performance.now() - start;
  // Lines read, counted again outside the timing: the check that none was lost.
  const lines = await countFileLines(file);
  await new Promise((resolve) => setTimeout(resolve, 400));
  const stored = await total();

  const matchedBy = async (caseSensitive: boolean, offset = 0) => {
    const t = performance.now();
    const { matched } = await h.window({ viewId, filter: LogFilter.parse({ text: [{ text: PATTERN, regex: true, caseSensitive }] }), offset, limit: 100 }, connection);
    return { matched, ms: performance.now() - t };
  };
  const exact = await matchedBy(true);
  const ci = await matchedBy(false);
  // The same filter asked again (scrolling): only lines that arrived since are tested.
  const again = await matchedBy(true, -100);

  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const stats = logs.stats();
  logs.dispose();
  return {
    loadMs,
    filterMs: exact.ms,
    filterCiMs: ci.ms,
    refilterMs: again.ms,
    matched: exact.matched,
    matchedCi: ci.matched,
    entries: stored,
    lines,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssMb: memory.rss / 1048576,
    heapMb: memory.heapUsed / 1048576,
    storeMb: stats.bytes / 1048576,
  };
}

/** Lines in a file (a final line without newline counts). */
async function countFileLines(file: string): Promise<number> {
  let n = 0;
  let last = 10;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) n++;
    if (chunk.length) last = chunk[chunk.length - 1]!;
  }
  return last === 10 ? n : n + 1;
}

function runChild(file: string, entries: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', process.argv[1]!, '--child', file, String(entries)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`workbench load exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult);
    });
  });
}

// ---------------------------------------------------------------- the peers

/** Run a command; ms, stdout, and peak RSS (MB) from GNU time when it is there. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ ms: number; stdout: string; peakRssMb: number | undefined }> {
  const gnuTime = existsSync('/usr/bin/time');
  const rssFile = path.join(os.tmpdir(), `wb-bench-logs-rss-${process.pid}`);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = gnuTime ? spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, command, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      // grep -c exits 1 when nothing matched; anything else non-zero is a failure.
      if (code !== 0 && !(command === 'grep' && code === 1)) return reject(new Error(`${command} exited ${code}: ${stderr.slice(0, 500)}`));
      let peakRssMb: number | undefined;
      if (gnuTime) {
        const kb = Number(spawnSync('cat', [rssFile], { encoding: 'utf8' }).stdout.trim());
        peakRssMb = Number.isFinite(kb) && kb > 0 ? kb / 1024 : undefined;
        rmSync(rssFile, { force: true });
      }
      resolve({ ms, stdout, peakRssMb });
    });
  });
}

// ---------------------------------------------------------------- main

/** The generated file of `lines` lines (made once, then reused) and how many lines hold the pattern. */
async function ensureFile(lines: number): Promise<{ file: string; expected: number }> {
  const dir = path.join(os.tmpdir(), 'wb-bench-logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `mixed-${lines}-v${GENERATOR_VERSION}.log`);
  const countFile = `${file}.matching`;
  if (existsSync(file) && existsSync(countFile)) {
    console.log(`[bench] reusing ${file}`);
    return { file, expected: Number(spawnSync('cat', [countFile], { encoding: 'utf8' }).stdout) };
  }
  console.log(`[bench] generating ${lines.toLocaleString('en')} lines…`);
  const partial = `${file}.partial`;
  const expected = await generate(partial, lines);
  renameSync(partial, file);
  spawnSync('sh', ['-c', `printf %s ${expected} > '${countFile}'`]);
  return { file, expected };
}

/** Entries (lines grouped as the log view groups them) in a file, to know when the view has them all. */
async function countEntries(file: string): Promise<number> {
  const scanner = new LineScanner();
  const batch = new ScanBatch();
  let entries = 0;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES }) as AsyncIterable<string>) {
    const text = rest + chunk;
    const end = text.lastIndexOf('\n');
    rest = text.slice(end + 1);
    scanner.push(text.slice(0, end + 1), batch);
    entries += batch.count;
  }
  if (rest) scanner.push(rest, batch);
  entries += rest ? batch.count : 0;
  scanner.flush(batch);
  return entries + batch.count;
}

async function measureRenderer(big: string, bigEntries: number): Promise<{ small: UiResult; big: UiResult }> {
  const { file: smallFile } = await ensureFile(SMALL_LINES);
  const smallEntries = await countEntries(smallFile);
  // Loaded here only: the load runs (child processes) measure their memory without Playwright in them.
  const { launchChromium } = await import('../lib/page');
  const { measureUi } = await import('./ui');
  const browser = await launchChromium();
  try {
    const small = await measureUi(browser, smallFile, smallEntries);
    console.log(`[bench] ui ${SMALL_LINES.toLocaleString('en')} lines: open ${fmt(small.openMs, 0)} ms, renderer heap ${fmt(small.rendererHeapMb, 1)} MB`);
    const large = await measureUi(browser, big, bigEntries);
    console.log(`[bench] ui ${LINES.toLocaleString('en')} lines: open ${fmt(large.openMs, 0)} ms, renderer heap ${fmt(large.rendererHeapMb, 1)} MB`);
    return { small, big: large };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const [file, entries] = process.argv.slice(3) as [string, string];
    const result = await loadInProcess(file, Number(entries));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const { file, expected } = await ensureFile(LINES);
  const mb = statSync(file).size / 1048576;
  console.log(`[bench] ${path.basename(file)}: ${fmt(mb, 0)} MB, ${LINES.toLocaleString('en')} lines, ${expected.toLocaleString('en')} hold /${PATTERN}/`);

  const lnavVersion = spawnSync('lnav', ['-V'], { encoding: 'utf8' }).stdout?.trim();
  if (!lnavVersion) throw new Error('lnav is not installed (npm run bench installs it: scripts/system-packages.json)');
  // lnav keeps state in $HOME/.lnav (or XDG config); a scratch home keeps runs cold and the user's config untouched.
  const lnavHome = mkdtempSync(path.join(os.tmpdir(), 'wb-bench-lnav-'));
  const lnavEnv = { ...process.env, HOME: lnavHome, XDG_CONFIG_HOME: path.join(lnavHome, '.config'), TERM: 'dumb' };

  // The entries a view of the file holds (lines grouped as the view groups them), to know when it holds them all.
  const entries = await countEntries(file);
  const workbench: LoadResult[] = [];
  const lnavLoad: number[] = [];
  const lnavFilter: number[] = [];
  const grep: number[] = [];
  let lnavRss: number | undefined;
  let lnavFilterLines = 0;
  let grepCount = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      const wb = await runChild(file, entries);
      workbench.push(wb);
      if (wb.lines !== LINES) throw new Error(`workbench read ${wb.lines} lines, expected ${LINES}`);
      if (wb.entries !== entries) throw new Error(`the view holds ${wb.entries} entries, expected ${entries}`);
      // lnav headless: -n without the UI, -q without printing the view: it loads and indexes the whole file, then exits.
      // (lnav 0.11's `:write-to` writes only marked lines, so it cannot force a walk; printing the view is measured below, filtered.)
      const load = await timed('lnav', ['-n', '-q', file], lnavEnv);
      lnavLoad.push(load.ms);
      lnavRss = load.peakRssMb ?? lnavRss;
      // Headless lnav prints the view after its commands: the lines the filter keeps (whole messages, continuation lines included).
      const filtered = await timed('lnav', ['-n', '-c', `:filter-in ${PATTERN}`, file], lnavEnv);
      lnavFilter.push(filtered.ms);
      lnavFilterLines = filtered.stdout.split('\n').filter(Boolean).length;
      const g = await timed('grep', ['-c', '-E', PATTERN, file]);
      grep.push(g.ms);
      grepCount = Number(g.stdout.trim());
      console.log(
        `[bench] run ${run + 1}: workbench load ${fmt(wb.loadMs, 0)} ms + filter ${fmt(wb.filterMs, 0)} ms (${wb.matched} entries); lnav load ${fmt(load.ms, 0)} ms, lnav filter-in ${fmt(filtered.ms, 0)} ms; grep -c ${fmt(g.ms, 0)} ms (${grepCount})`,
      );
    }
  } finally {
    rmSync(lnavHome, { recursive: true, force: true });
  }

  const last = workbench.at(-1)!;
  // Only first lines of entries hold the pattern in this file, so entries matched = lines grep counts.
  const correct = last.matched === grepCount && grepCount === expected;
  const wbLoad = median(workbench.map((w) => w.loadMs));
  const wbFilter = median(workbench.map((w) => w.filterMs));
  const ratio = (a: number, b: number) => `${fmt(a / b, 2)}×`;
  console.log('');
  console.log(
    table([
      ['measure (median of ' + RUNS + ')', 'ms', 'vs peer'],
      [`workbench: open a view of ${LINES.toLocaleString('en')} lines, all in the store`, fmt(wbLoad, 0), `${ratio(wbLoad, median(lnavLoad))} lnav load`],
      ['lnav -n: load + index', fmt(median(lnavLoad), 0), ''],
      [`workbench: regex /${PATTERN}/ over the store`, fmt(wbFilter, 0), `${ratio(wbFilter, median(grep))} grep`],
      [`workbench: same, case-insensitive (the default)`, fmt(median(workbench.map((w) => w.filterCiMs)), 0), ''],
      ['workbench: same filter again (indexed)', fmt(median(workbench.map((w) => w.refilterMs)), 2), ''],
      [`lnav -n: load + :filter-in + print`, fmt(median(lnavFilter), 0), ''],
      [`grep -c -E '${PATTERN}'`, fmt(median(grep), 0), ''],
      ['workbench: load + filter', fmt(wbLoad + wbFilter, 0), `${ratio(wbLoad + wbFilter, median(lnavFilter))} lnav load + filter`],
    ]),
  );
  console.log('');
  console.log(
    `[bench] workbench process: peak RSS ${fmt(median(workbench.map((w) => w.peakRssMb)), 0)} MB, RSS after GC ${fmt(last.rssMb, 0)} MB, JS heap ${fmt(last.heapMb, 0)} MB, store's own estimate ${fmt(last.storeMb, 0)} MB for ${last.entries.toLocaleString('en')} entries (file ${fmt(mb, 0)} MB)` +
      (lnavRss ? `; lnav peak RSS ${fmt(lnavRss, 0)} MB` : ''),
  );
  console.log(`[bench] matches: workbench ${last.matched} entries (case-insensitive ${last.matchedCi}), grep ${grepCount} lines, generator ${expected}, lnav filter-in wrote ${lnavFilterLines} lines${correct ? '' : ' — MISMATCH'}`);
  const ui = UI ? await measureRenderer(file, entries) : undefined;
  if (ui) {
    console.log('');
    console.log(
      table([
        ['in the web host and Chromium (one run each)', `${SMALL_LINES.toLocaleString('en')} lines`, `${LINES.toLocaleString('en')} lines`],
        ['open: confirm → every entry in the view (ms)', fmt(ui.small.openMs, 0), fmt(ui.big.openMs, 0)],
        ['renderer JS heap after GC (MB)', fmt(ui.small.rendererHeapMb, 1), fmt(ui.big.rendererHeapMb, 1)],
        ['main (web host) RSS now / peak (MB)', `${fmt(ui.small.mainRssMb, 0)} / ${fmt(ui.small.mainPeakRssMb, 0)}`, `${fmt(ui.big.mainRssMb, 0)} / ${fmt(ui.big.mainPeakRssMb, 0)}`],
        ['fling top→bottom in 5 s: frame median / p95 (ms)', `${fmt(ui.small.frameMedianMs, 1)} / ${fmt(ui.small.frameP95Ms, 1)}`, `${fmt(ui.big.frameMedianMs, 1)} / ${fmt(ui.big.frameP95Ms, 1)}`],
        ['  frames with a row still loading', `${ui.small.waitingFrames} / ${ui.small.frames}`, `${ui.big.waitingFrames} / ${ui.big.frames}`],
        ['  longest renderer task (ms)', fmt(ui.small.longestTaskMs, 0), fmt(ui.big.longestTaskMs, 0)],
        ['a page every 100 ms for 3 s: frame median / p95 (ms)', `${fmt(ui.small.pages.frameMedianMs, 1)} / ${fmt(ui.small.pages.frameP95Ms, 1)}`, `${fmt(ui.big.pages.frameMedianMs, 1)} / ${fmt(ui.big.pages.frameP95Ms, 1)}`],
        ['  frames with a row still loading', `${ui.small.pages.waitingFrames} / ${ui.small.pages.frames}`, `${ui.big.pages.waitingFrames} / ${ui.big.pages.frames}`],
        ['  longest renderer task (ms)', fmt(ui.small.pages.longestTaskMs, 0), fmt(ui.big.pages.longestTaskMs, 0)],
      ]),
    );
  }
  console.log('');
  const loadRatio = wbLoad / median(lnavLoad);
  const goal = (met: boolean, what: string) => console.log(`[bench] goal ${met ? 'met' : 'NOT met'}: ${what}`);
  goal(loadRatio <= 1, `load ≤ 1× lnav (${fmt(loadRatio, 2)}×)`);
  goal(wbFilter < 1000, `regex filter over ${LINES.toLocaleString('en')} lines < 1 s (${fmt(wbFilter, 0)} ms)`);
  if (ui) goal(ui.big.rendererHeapMb <= ui.small.rendererHeapMb * 1.5 + 5, `renderer memory independent of file size (${fmt(ui.small.rendererHeapMb, 1)} → ${fmt(ui.big.rendererHeapMb, 1)} MB)`);
  if (!correct) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
