// `npm run bench -- terminal [--mb 100] [--runs 3] [--samples 50] [--renderer auto|webgl|dom]`
// Throughput of 100 MB of printable text through pty → main → transport →
// xterm rendered in Chromium, beside the same bytes written straight into the
// same xterm in the page (the view's limit) and read from node-pty alone (the
// source's limit); then keystroke-echo latency in one terminal while another
// floods. Medians of several runs, and the ratios.
import { chromium, type Page } from '@playwright/test';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as pty from 'node-pty';
import { startWebHostProcess } from '../../e2e/fixtures/web-host-process';
import { arg, fmt, median, percentile, table } from '../lib/stats';
import { line, LINE_BYTES } from './payload';

const MB = arg('mb', 100);
const RUNS = arg('runs', 3);
const SAMPLES = arg('samples', 50);
const RENDERER = process.argv.includes('--renderer') ? process.argv[process.argv.indexOf('--renderer') + 1]! : 'auto';
const LINES = Math.floor((MB * 1_000_000) / LINE_BYTES);
const BYTES = LINES * LINE_BYTES;
/** What xterm parses: the pty adds a carriage return to each line. */
const PARSED_CHARS = BYTES + LINES;

const work = mkdtempSync(path.join(os.tmpdir(), 'wb-bench-term-'));
const file = path.join(work, 'payload.txt');

async function writePayload(): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (let i = 0; i < LINES; i++) {
    chunk += line(i, '\n');
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
}

/** The source's limit: node-pty alone reading `cat` of the file. */
async function ptyAlone(): Promise<number> {
  return new Promise((resolve) => {
    const start = performance.now();
    let received = 0;
    const p = pty.spawn('/bin/cat', [file], { cols: 170, rows: 45, name: 'xterm-256color' });
    p.onData((d) => (received += d.length));
    p.onExit(() => {
      const seconds = (performance.now() - start) / 1000;
      if (received < PARSED_CHARS) console.warn(`[bench] node-pty delivered ${received} of ${PARSED_CHARS} characters`);
      resolve(BYTES / 1e6 / seconds);
    });
  });
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Samples the web host's RSS and the page's JS heap while `work` runs. */
async function sampleMemory<T>(pid: number, page: Page, work: () => Promise<T>): Promise<{ result: T; hostPeak: number; heapPeak: number; heapBefore: number }> {
  const heapBefore = await page.evaluate(() => {
    (globalThis as unknown as { gc?: () => void }).gc?.();
    return ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6;
  });
  let hostPeak = rssMb(pid);
  let heapPeak = heapBefore;
  let running = true;
  const sampler = (async () => {
    while (running) {
      hostPeak = Math.max(hostPeak, rssMb(pid));
      const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0).catch(() => 0);
      heapPeak = Math.max(heapPeak, heap / 1e6);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const result = await work();
  running = false;
  await sampler;
  return { result, hostPeak, heapPeak, heapBefore };
}

async function waitForPrompt(page: Page, paneId: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const text = await page.evaluate((id) => window.__workbench!.text(id), paneId);
    if (/[#$] ?$/.test(text.trimEnd())) return;
    await page.waitForTimeout(50);
  }
  throw new Error('the shell never showed a prompt');
}

/** End to end: `cat` in the app's terminal, timed in the page until xterm has parsed every byte. */
async function endToEnd(page: Page, paneId: string): Promise<number> {
  await page.evaluate((id) => window.__workbench!.xterm(id) && (window.__workbench!.xterm(id) as { clear(): void }).clear(), paneId);
  const before = await page.evaluate((id) => window.__workbench!.panes().find((p) => p.paneId === id)!.parsed, paneId);
  await page.keyboard.type(`cat ${file}`);
  const seconds = await page.evaluate(
    async ({ id, target }) => {
      const parsed = () => window.__workbench!.panes().find((p) => p.paneId === id)!.parsed;
      const start = performance.now();
      document.querySelector<HTMLTextAreaElement>(`.terminal-pane[data-pane-id="${id}"] textarea`)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
      while (parsed() < target) await new Promise((r) => setTimeout(r, 2));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return (performance.now() - start) / 1000;
    },
    { id: paneId, target: before + PARSED_CHARS },
  );
  await waitForPrompt(page, paneId);
  return BYTES / 1e6 / seconds;
}

/** The view's limit: the same text written straight into the same xterm instance. */
async function inPage(page: Page, paneId: string): Promise<number> {
  await page.evaluate((id) => (window.__workbench!.xterm(id) as { clear(): void }).clear(), paneId);
  const seconds = await page.evaluate(
    async ({ id, lineSource, lines }) => {
      const term = window.__workbench!.xterm(id) as { write(data: string, cb?: () => void): void };
      const makeLine = new Function(`return ${lineSource}`)() as (i: number, eol: string) => string;
      const chunks: string[] = [];
      let chunk = '';
      for (let i = 0; i < lines; i++) {
        chunk += makeLine(i, '\r\n');
        if (chunk.length >= 64 * 1024) {
          chunks.push(chunk);
          chunk = '';
        }
      }
      if (chunk) chunks.push(chunk);
      const start = performance.now();
      // xterm drops writes past 50 MB pending: feed it with a generous 2 MB in flight.
      await new Promise<void>((resolve) => {
        let next = 0;
        let inflight = 0;
        const pump = () => {
          while (next < chunks.length && inflight < 2_000_000) {
            const c = chunks[next++]!;
            inflight += c.length;
            term.write(c, () => {
              inflight -= c.length;
              if (next < chunks.length) pump();
              else if (inflight === 0) resolve();
            });
          }
        };
        pump();
      });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return (performance.now() - start) / 1000;
    },
    { id: paneId, lineSource: line.toString(), lines: LINES },
  );
  return BYTES / 1e6 / seconds;
}

/** Keystroke → echo parsed in xterm, in milliseconds, measured in the page. */
async function echoLatencies(page: Page, paneId: string, samples: number): Promise<number[]> {
  await page.locator(`.terminal-pane[data-pane-id="${paneId}"] .terminal-host`).click();
  await page.evaluate((id) => {
    const term = window.__workbench!.xterm(id) as { onWriteParsed(cb: () => void): void; buffer: { active: { cursorY: number; baseY: number; getLine(y: number): { translateToString(trim: boolean): string } | undefined } } };
    type EchoState = { pressedAt: number; expect: string; done: ((ms: number) => void) | undefined };
    const state: EchoState = { pressedAt: 0, expect: '', done: undefined };
    (window as unknown as { __echo: EchoState }).__echo = state;
    window.addEventListener('keydown', () => (state.pressedAt = performance.now()), true);
    term.onWriteParsed(() => {
      if (!state.done) return;
      const b = term.buffer.active;
      const text = b.getLine(b.baseY + b.cursorY)?.translateToString(true) ?? '';
      if (text.endsWith(state.expect)) {
        const done = state.done;
        state.done = undefined;
        done(performance.now() - state.pressedAt);
      }
    });
  }, paneId);
  const results: number[] = [];
  for (let i = 0; i < samples; i++) {
    const letter = String.fromCharCode(97 + (i % 26));
    const wait = page.evaluate(
      (expect) =>
        new Promise<number>((resolve) => {
          const state = (window as unknown as { __echo: { expect: string; done: ((ms: number) => void) | undefined } }).__echo;
          state.expect = expect;
          state.done = resolve;
        }),
      letter,
    );
    await page.waitForTimeout(5);
    await page.keyboard.press(letter);
    results.push(await wait);
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(20);
  }
  return results;
}

async function main(): Promise<void> {
  console.log(`[bench] terminal: ${MB} MB of printable text, ${RUNS} runs each, ${SAMPLES} echo samples`);
  await writePayload();
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ version: 1, terminal: { renderer: RENDERER } }));
  const host = await startWebHostProcess(dataDir, [], {});
  // Keep the web host lean for measurement: it was started with --validate-events by the e2e helper.
  const browser = await chromium.launch({
    executablePath: process.env.WORKBENCH_CHROMIUM ?? '/usr/bin/chromium',
    // expose-gc: the memory figures start from a collected heap.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.waitForFunction(() => window.__workbench?.panes().length === 1 && window.__workbench.panes()[0]!.status === 'running');
    const paneId = await page.evaluate(() => window.__workbench!.panes()[0]!.paneId);
    await waitForPrompt(page, paneId);
    await page.locator(`.terminal-pane[data-pane-id="${paneId}"] .terminal-host`).click();
    const renderer = await page.evaluate(() => window.__workbench!.panes()[0]!.renderer);

    const source: number[] = [];
    const view: number[] = [];
    const e2e: number[] = [];
    const hostBefore = rssMb(host.pid);
    let hostPeak = hostBefore;
    let heapPeak = 0;
    let heapBefore = Infinity;
    for (let run = 1; run <= RUNS; run++) {
      source.push(await ptyAlone());
      view.push(await inPage(page, paneId));
      const sampled = await sampleMemory(host.pid, page, () => endToEnd(page, paneId));
      e2e.push(sampled.result);
      hostPeak = Math.max(hostPeak, sampled.hostPeak);
      heapPeak = Math.max(heapPeak, sampled.heapPeak);
      heapBefore = Math.min(heapBefore, sampled.heapBefore);
      console.log(`[bench] run ${run}: node-pty ${fmt(source.at(-1)!)} MB/s, xterm in page ${fmt(view.at(-1)!)} MB/s, end to end ${fmt(e2e.at(-1)!)} MB/s`);
    }

    // Echo latency: idle, then with a second terminal flooding.
    const idle = await echoLatencies(page, paneId, SAMPLES);
    await page.keyboard.press('Control+Shift+D');
    await page.waitForFunction(() => window.__workbench!.panes().length === 2 && window.__workbench!.panes()[1]!.status === 'running');
    const floodPane = await page.evaluate(() => window.__workbench!.panes()[1]!.paneId);
    await waitForPrompt(page, floodPane);
    await page.keyboard.type(`while :; do cat ${file}; done\n`);
    await page.waitForFunction((id) => window.__workbench!.panes().find((p) => p.paneId === id)!.parsed > 5_000_000, floodPane, { timeout: 60_000 });
    const flooded = await echoLatencies(page, paneId, SAMPLES);
    const floodParsed = await page.evaluate((id) => window.__workbench!.panes().find((p) => p.paneId === id)!.parsed, floodPane);

    const e2eMedian = median(e2e);
    const viewMedian = median(view);
    const sourceMedian = median(source);
    console.log('');
    console.log(table([
      ['throughput (median)', 'MB/s', 'vs view limit', 'vs source limit'],
      ['node-pty alone (source limit)', fmt(sourceMedian), '', '1.00'],
      [`xterm in page, ${renderer} (view limit)`, fmt(viewMedian), '1.00', fmt(viewMedian / sourceMedian, 2)],
      ['end to end: pty → main → WebSocket → xterm', fmt(e2eMedian), fmt(e2eMedian / viewMedian, 2), fmt(e2eMedian / sourceMedian, 2)],
    ]));
    console.log('');
    console.log(table([
      ['keystroke echo', 'p50 ms', 'p99 ms', 'samples'],
      ['idle', fmt(percentile(idle, 50)), fmt(percentile(idle, 99)), String(idle.length)],
      ['while another terminal floods', fmt(percentile(flooded, 50)), fmt(percentile(flooded, 99)), String(flooded.length)],
    ]));
    console.log('');
    console.log(`memory while ${fmt((RUNS * BYTES) / 1e6, 0)} MB went end to end: web host RSS ${fmt(hostBefore, 0)} MB before, ${fmt(hostPeak, 0)} MB at peak; page JS heap ${fmt(heapBefore, 0)} MB before, ${fmt(heapPeak, 0)} MB at peak`);
    console.log('');
    console.log(`goals: end to end >= 0.6x view limit: ${e2eMedian / viewMedian >= 0.6 ? 'met' : 'NOT met'} (${fmt(e2eMedian / viewMedian, 2)}x); echo p99 under flood < 30 ms: ${percentile(flooded, 99) < 30 ? 'met' : 'NOT met'} (${fmt(percentile(flooded, 99))} ms); the flood terminal parsed ${fmt(floodParsed / 1e6)} MB meanwhile`);
  } finally {
    await browser.close();
    await host.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
