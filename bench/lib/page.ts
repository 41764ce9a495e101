// Helpers the benchmarks share for driving the app in Chromium.
import { chromium, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.WORKBENCH_CHROMIUM ?? '/usr/bin/chromium',
    // expose-gc: memory figures start from a collected heap.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--js-flags=--expose-gc'],
  });
}

export async function waitForPrompt(page: Page, paneId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const text = await page.evaluate((id) => window.__workbench!.text(id), paneId);
    if (/[#$] ?$/.test(text.trimEnd())) return;
    await page.waitForTimeout(50);
  }
  throw new Error('the shell never showed a prompt');
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Time `cat file` takes to be parsed by a pane's xterm, measured in the page; MB/s. */
export async function catThroughput(page: Page, paneId: string, file: string, bytes: number, parsedChars: number): Promise<number> {
  await page.evaluate((id) => (window.__workbench!.xterm(id) as { clear(): void }).clear(), paneId);
  const before = await page.evaluate((id) => window.__workbench!.panes().find((p) => p.paneId === id)!.parsed, paneId);
  await page.locator(`.terminal-pane[data-pane-id="${paneId}"] .terminal-host`).click();
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
    { id: paneId, target: before + parsedChars },
  );
  await waitForPrompt(page, paneId);
  return bytes / 1e6 / seconds;
}

/** Peak resident memory of a process so far in MB (VmHWM, Linux). */
export function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
