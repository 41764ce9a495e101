// The log viewer in Chromium: pods from the test API server and files on a
// real sshd host merged by time, filters, follow mode, rotation, and a host
// that dies mid-follow.
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test } from './fixtures/cluster';
import { expect } from './fixtures/workbench';

const iso = (ms: number) => new Date(ms).toISOString();

async function openLogs(page: Page): Promise<void> {
  await page.reload();
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Logs' }).click();
  await page.getByTestId('logs-open').click();
}

async function addFileSource(page: Page, kind: 'file' | 'ssh-file', file: string, hostId?: string): Promise<void> {
  await page.getByTestId('logs-open-kind').selectOption(kind);
  if (hostId) await page.getByTestId('logs-open-host').selectOption(hostId);
  await page.getByTestId('logs-open-file-path').fill(file);
}

/** The visible rows' times and texts, in screen order. */
async function rows(page: Page): Promise<Array<{ time: number; source: string; level: string; text: string }>> {
  return page.locator('[data-testid^="logs-line-"]').evaluateAll((els) =>
    els
      .map((el) => ({ top: el.getBoundingClientRect().top, time: Number(el.getAttribute('data-time')), source: el.getAttribute('data-source') ?? '', level: el.getAttribute('data-level') ?? '', text: el.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map(({ top: _top, ...rest }) => rest),
  );
}

const matched = (page: Page) => page.getByTestId('logs-list').getAttribute('data-matched').then(Number);

async function clearFilters(page: Page): Promise<void> {
  const remove = page.locator('.logs-chip-remove');
  while ((await remove.count()) > 0) await remove.first().click();
}

async function filter(page: Page, text: string): Promise<void> {
  await clearFilters(page);
  await page.getByTestId('logs-filter-input').fill(text);
  await page.getByTestId('logs-filter-input').press('Enter');
}

async function scrollListTo(page: Page, fraction: number): Promise<void> {
  await page.getByTestId('logs-list').evaluate((el, f) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
  }, fraction);
  await page.waitForTimeout(400);
}

test('three pods and a file on an SSH host, merged in time order; filtered by level and regex', async ({ app, cluster, lab }) => {
  const host = await lab.start('log-host');
  await lab.install(app.home, [{ name: 'log-host', host: host.host, port: host.port }], [host]);
  await cluster.kubectl('scale', 'deployment', 'web', '--replicas=3');
  await expect.poll(async () => (await cluster.kubectl('get', 'pods', '-l', 'app=web', '--field-selector=status.phase=Running', '-o', 'name')).trim().split('\n').filter(Boolean).length, { timeout: 15_000 }).toBe(3);
  // The host's file: lines stamped over the last minute, interleaving with the pods' own.
  const dir = path.join(app.home, 'remote-logs');
  mkdirSync(dir, { recursive: true });
  const remote = path.join(dir, 'app.log');
  const now = Date.now();
  writeFileSync(remote, Array.from({ length: 20 }, (_, i) => `${iso(now - 8000 + i * 400)} ${i % 5 === 0 ? 'ERROR' : 'INFO'} host-line-${i} payment timeout=${i}`).join('\n') + '\n');

  const { page } = app;
  await openLogs(page);
  await page.getByTestId('logs-open-kind').selectOption('pods');
  await page.getByTestId('logs-open-context').selectOption('test-cluster');
  await page.getByTestId('logs-open-namespace').fill('default');
  await page.getByTestId('logs-open-selector').fill('app=web');
  await page.getByTestId('logs-open-another').click();
  await addFileSource(page, 'ssh-file', remote, 'log-host');
  await page.getByTestId('logs-open-confirm').click();

  // Four sources stream: three pods (one container each) and the host's file.
  await expect(page.locator('[data-testid^="logs-source-pod:"][data-state="streaming"]')).toHaveCount(3, { timeout: 20_000 });
  await expect(page.locator('[data-testid^="logs-source-ssh:"][data-state="streaming"]')).toHaveCount(1);
  await expect.poll(() => matched(page), { timeout: 15_000 }).toBeGreaterThan(40);

  // Time order holds across sources, screen after screen.
  await page.getByTestId('logs-follow').click();
  const seen = new Set<string>();
  for (const at of [0, 0.5, 1]) {
    await scrollListTo(page, at);
    // The screen's window is fetched after the scroll settles: wait for its rows, as a user would (a loaded CI machine takes longer than 400 ms).
    await expect.poll(async () => (await rows(page)).length, { timeout: 10_000 }).toBeGreaterThan(5);
    const screen = await rows(page);
    for (const r of screen) seen.add(r.source.split(':')[0]!);
    for (let i = 1; i < screen.length; i++) expect(screen[i]!.time).toBeGreaterThanOrEqual(screen[i - 1]!.time);
  }
  expect([...seen].sort()).toEqual(['pod', 'ssh']);

  // Level filter: errors only.
  await page.getByTestId('logs-level-error').click();
  await expect.poll(async () => (await rows(page)).length, { timeout: 10_000 }).toBeGreaterThan(0);
  expect((await rows(page)).every((r) => r.level === 'error')).toBe(true);
  await page.getByTestId('logs-level-error').click();

  // Regex filter: the host's lines 10–19.
  await page.getByTestId('logs-filter-regex').click();
  await filter(page, 'host-line-1\\d\\b');
  await expect.poll(() => matched(page), { timeout: 10_000 }).toBe(10);
  // An invalid regex says so where it was typed.
  await filter(page, '(unclosed');
  await expect(page.getByTestId('logs-filter-error')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('merged.png') });
});

test('follow mode pauses when scrolled up and says how many lines came; a rotated file keeps following', async ({ app }) => {
  const dir = path.join(app.home, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'app.log');
  writeFileSync(file, Array.from({ length: 300 }, (_, i) => `${iso(Date.now() - 300_000 + i * 1000)} INFO start-${i}`).join('\n') + '\n');
  const { page } = app;
  await openLogs(page);
  await addFileSource(page, 'file', file);
  await page.getByTestId('logs-open-confirm').click();
  await expect.poll(() => matched(page), { timeout: 15_000 }).toBe(300);

  // Following: a new line shows at the bottom.
  appendFileSync(file, `${iso(Date.now())} INFO followed-1\n`);
  await expect(page.getByText('followed-1')).toBeVisible({ timeout: 5000 });

  // Scrolled up: follow pauses, and new lines are counted instead.
  await page.getByTestId('logs-list').hover();
  await page.mouse.wheel(0, -3000);
  await expect(page.getByTestId('logs-follow')).not.toHaveAttribute('aria-pressed', 'true');
  appendFileSync(file, [1, 2, 3].map((n) => `${iso(Date.now())} INFO paused-${n}`).join('\n') + '\n');
  await expect(page.getByTestId('logs-new-lines')).toContainText('3', { timeout: 5000 });
  await expect(page.getByText('paused-3')).toHaveCount(0);
  await page.getByTestId('logs-new-lines').click();
  await expect(page.getByText('paused-3')).toBeVisible();

  // Rotation: the file is renamed and a new one takes its place; following goes on.
  renameSync(file, `${file}.1`);
  writeFileSync(file, `${iso(Date.now())} INFO after-rotation-1\n`);
  await expect(page.getByText('after-rotation-1')).toBeVisible({ timeout: 10_000 });
  appendFileSync(file, `${iso(Date.now())} INFO after-rotation-2\n`);
  await expect(page.getByText('after-rotation-2')).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => matched(page)).toBe(306);
});

test('a host that dies mid-follow is marked in the stream, and resumes without duplicate lines', async ({ app, lab }) => {
  const host = await lab.start('flaky-host');
  await lab.install(app.home, [{ name: 'flaky-host', host: host.host, port: host.port }], [host]);
  const dir = path.join(app.home, 'flaky');
  mkdirSync(dir, { recursive: true });
  const remote = path.join(dir, 'svc.log');
  const line = (n: number) => `${iso(Date.now())} INFO seq-${String(n).padStart(3, '0')}`;
  writeFileSync(remote, Array.from({ length: 10 }, (_, i) => line(i)).join('\n') + '\n');
  const { page } = app;
  await openLogs(page);
  await addFileSource(page, 'ssh-file', remote, 'flaky-host');
  await page.getByTestId('logs-open-confirm').click();
  const source = page.locator('[data-testid^="logs-source-ssh:"]');
  await expect(source).toHaveAttribute('data-state', 'streaming', { timeout: 20_000 });
  await filter(page, 'seq-');
  await expect.poll(() => matched(page), { timeout: 10_000 }).toBe(10);

  await host.crash();
  await expect(source).toHaveAttribute('data-state', 'retrying', { timeout: 20_000 });
  // Written while the host is down: they must arrive once it is back, once each.
  appendFileSync(remote, Array.from({ length: 5 }, (_, i) => line(10 + i)).join('\n') + '\n');
  await host.restart();
  await expect(source).toHaveAttribute('data-state', 'streaming', { timeout: 40_000 });
  await expect.poll(() => matched(page), { timeout: 15_000 }).toBe(15);
  appendFileSync(remote, `${line(15)}\n`);
  await expect.poll(() => matched(page), { timeout: 10_000 }).toBe(16);

  // The gap is marked where it happened.
  await filter(page, 'disconnected');
  await expect.poll(() => matched(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.locator('[data-testid^="logs-line-"]').first()).toContainText('retrying');
});
