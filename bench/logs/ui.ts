// The log viewer in Chromium over a big local file: the web host (main) opens
// it as a local-file log view, the page scrolls it top to bottom, and we read
// the renderer's JS heap (CDP, after a GC), the frame times while scrolling
// (requestAnimationFrame deltas), the longest main-thread task, and main's
// resident memory (now and peak).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startWebHostProcess } from '../../e2e/fixtures/web-host-process';
import { peakRssMb, rssMb } from '../lib/page';
import { median, percentile } from '../lib/stats';

export interface UiResult {
  /** Entries the view holds once loaded. */
  entries: number;
  /** Confirm clicked → every entry counted in the view and rows on screen. */
  openMs: number;
  rendererHeapMb: number;
  mainRssMb: number;
  mainPeakRssMb: number;
  frameMedianMs: number;
  frameP95Ms: number;
  frames: number;
  /** Frames that showed a row still waiting for its lines (the window had not arrived yet). */
  waitingFrames: number;
  longestTaskMs: number;
  /** Paging down a screenful every 100 ms: the same frame figures. */
  pages: { frameMedianMs: number; frameP95Ms: number; frames: number; waitingFrames: number; longestTaskMs: number };
}

const SCROLL_SECONDS = 5;
const PAGE_SECONDS = 3;

/** Renderer JS heap after a full GC, through CDP (exact, unlike performance.memory's rounded figure). */
async function rendererHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 1048576;
  } finally {
    await cdp.detach();
  }
}

interface Scrolled {
  deltas: number[];
  /** Frames that showed a row still waiting for its lines. */
  waiting: number;
  longest: number;
}

/**
 * Scroll the list and watch the frames: 'fling' goes from top to bottom in
 * even steps, one per frame, over a few seconds (thousands of rows a frame);
 * 'pages' goes down a screenful every 100 ms from the middle, as holding
 * PageDown does. Frame deltas, frames with rows still loading, and the
 * longest task seen meanwhile.
 */
async function scroll(page: Page, mode: 'fling' | 'pages'): Promise<Scrolled> {
  return page.getByTestId('logs-list').evaluate(
    async (el, { seconds, mode }) => {
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const range = el.scrollHeight - el.clientHeight;
      el.scrollTop = mode === 'fling' ? 0 : range / 2;
      await new Promise((r) => setTimeout(r, 500));
      const deltas: number[] = [];
      let waiting = 0;
      const from = el.scrollTop;
      const start = performance.now();
      let last = start;
      await new Promise<void>((resolve) => {
        const frame = (now: number) => {
          deltas.push(now - last);
          last = now;
          if (el.querySelector('.logs-row-loading')) waiting++;
          const f = Math.min(1, (now - start) / (seconds * 1000));
          el.scrollTop = mode === 'fling' ? range * f : from + Math.floor((now - start) / 100) * el.clientHeight;
          if (f < 1) requestAnimationFrame(frame);
          else resolve();
        };
        requestAnimationFrame(frame);
      });
      // Let the last windows arrive and be drawn before the observer stops.
      await new Promise((r) => setTimeout(r, 500));
      observer.disconnect();
      return { deltas: deltas.slice(1), waiting, longest: longTasks.length ? Math.max(...longTasks) : 0 };
    },
    { seconds: mode === 'fling' ? SCROLL_SECONDS : PAGE_SECONDS, mode },
  );
}

/** Open `file` (expected to hold `entries` entries) in a fresh web host and page; measure as above. */
export async function measureUi(browser: Browser, file: string, entries: number): Promise<UiResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wb-bench-logs-ui-'));
  mkdirSync(dataDir, { recursive: true });
  // The whole file, not the default tail of 10,000 lines.
  writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ version: 1, logs: { tailLines: 1_000_000, maxLines: 2_000_000 } }));
  const web = await startWebHostProcess(dataDir, ['--no-validate-events']);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.goto(web.url);
    await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Logs' }).click();
    await page.getByTestId('logs-open').click();
    await page.getByTestId('logs-open-kind').selectOption('file');
    await page.getByTestId('logs-open-file-path').fill(file);
    const start = performance.now();
    await page.getByTestId('logs-open-confirm').click();
    await page.waitForFunction(
      (n) => {
        const list = document.querySelector('[data-testid="logs-list"]');
        return !!list && Number(list.getAttribute('data-total')) >= n && Number(list.getAttribute('data-matched')) >= n && !!document.querySelector('[data-testid^="logs-line-"]');
      },
      entries,
      { timeout: 300_000, polling: 50 },
    );
    const openMs = performance.now() - start;
    const { deltas, waiting, longest } = await scroll(page, 'fling');
    const pages = await scroll(page, 'pages');
    return {
      entries,
      openMs,
      rendererHeapMb: await rendererHeapMb(page),
      mainRssMb: rssMb(web.pid),
      mainPeakRssMb: peakRssMb(web.pid),
      frameMedianMs: median(deltas),
      frameP95Ms: percentile(deltas, 95),
      frames: deltas.length,
      waitingFrames: waiting,
      longestTaskMs: longest,
      pages: { frameMedianMs: median(pages.deltas), frameP95Ms: percentile(pages.deltas, 95), frames: pages.deltas.length, waitingFrames: pages.waiting, longestTaskMs: pages.longest },
    };
  } finally {
    await context.close();
    await web.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
