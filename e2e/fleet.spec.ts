import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startWebHostProcess } from './fixtures/web-host-process';
import { expect, test } from './fixtures/workbench';

const N = 20;
test.use({ seedFiles: { 'settings.json': JSON.stringify({ version: 1, fleet: { intervalS: 2, timeoutS: 3 } }) } });

test('20 hosts: live health that matches this machine, a stopped host flagged within one interval, bulk runs, cancel, history after a restart', async ({ app, lab }) => {
  test.setTimeout(180_000);
  const hosts = await Promise.all(Array.from({ length: N }, (_, i) => lab.start(`f-${String(i + 1).padStart(2, '0')}`)));
  await lab.install(app.home, hosts.map((h) => ({ name: h.name, host: h.host, port: h.port })), hosts);
  const { page } = app;

  // Health: every host, with plausible figures (the hosts are this machine).
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Hosts' }).click();
  await page.getByRole('tab', { name: /Health/ }).click();
  const rows = page.locator('.health-row[data-host-id]');
  await expect(rows).toHaveCount(N, { timeout: 20_000 });
  await expect(page.locator('.health-row[data-status="unknown"]')).toHaveCount(0, { timeout: 20_000 });
  const first = page.locator('.health-row[data-host-id="f-01"]');
  await expect(first.locator('.cell-cpu')).toHaveText(/\d+%/, { timeout: 20_000 });
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  const total = Number(/MemTotal:\s+(\d+)/.exec(meminfo)![1]);
  const available = Number(/MemAvailable:\s+(\d+)/.exec(meminfo)![1]);
  const shownMem = Number(await first.locator('.cell-mem').getAttribute('data-value'));
  expect(Math.abs(shownMem - ((total - available) / total) * 100)).toBeLessThan(10);
  await expect(first.locator('.cell-load')).toContainText(`/ ${(await import('node:os')).cpus().length}`);
  await page.screenshot({ path: test.info().outputPath('health.png') });

  // A host goes down: flagged within one interval (2 s) plus a probe timeout; the others keep updating.
  await hosts[4]!.crash();
  await expect(page.locator('.health-row[data-host-id="f-05"]')).toHaveAttribute('data-status', 'unreachable', { timeout: 2000 + 3000 + 2000 });
  await expect(page.locator('.alert[data-host-id="f-05"][data-kind="unreachable"]')).toContainText('since');
  await expect(page.getByRole('navigation', { name: 'Capabilities' }).getByLabel(/host alerts/)).toBeVisible();
  await expect(page.locator('.health-row[data-status="unreachable"]')).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('health-alert.png') });
  await hosts[4]!.restart();

  // A bulk run: each host's exit code is the one it chose.
  await page.getByRole('tab', { name: 'Runs' }).click();
  await page.getByLabel('Run on').selectOption('all');
  await page.getByLabel('Command').fill('c=$((RANDOM % 2)); echo "code=$c"; exit $c');
  await page.getByRole('button', { name: `Run on ${N}` }).click();
  await expect(page.locator('.run-host[data-status="queued"], .run-host[data-status="running"]')).toHaveCount(0, { timeout: 30_000 });
  for (const row of await page.locator('.run-host').all()) {
    const line = await row.locator('.run-first-line').textContent();
    const code = /code=(\d)/.exec(line ?? '')?.[1];
    expect(code, `${await row.getAttribute('data-host-id')} printed its code`).toBeDefined();
    await expect(row.locator('.run-exit')).toHaveText(`exit ${code}`);
    await expect(row).toHaveAttribute('data-status', code === '0' ? 'ok' : 'failed');
  }
  await page.screenshot({ path: test.info().outputPath('run.png') });

  // Cancel a long command: nothing of it is left running on any host.
  const seconds = `600.${process.pid}${Date.now() % 1000}`;
  const pattern = `[s]leep ${seconds}`;
  await page.getByLabel('Command').fill(`sleep ${seconds}`);
  await page.getByRole('button', { name: `Run on ${N}` }).click();
  await expect.poll(() => Number(execSync(`pgrep -fc "${pattern}" || true`, { encoding: 'utf8' }).trim()), { timeout: 20_000 }).toBeGreaterThanOrEqual(N);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => execSync(`pgrep -f "${pattern}" || true`, { encoding: 'utf8' }).trim(), { timeout: 10_000 }).toBe('');

  // The history survives the app restarting.
  await expect(page.locator('.history-item')).toHaveCount(2, { timeout: 10_000 });
  await app.web!.stop();
  const again = await startWebHostProcess(app.dataDir, [], { HOME: app.home });
  lab.defer(() => again.stop());
  const page2 = await page.context().newPage();
  await page2.goto(again.url);
  await page2.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Hosts' }).click();
  await page2.getByRole('tab', { name: 'Runs' }).click();
  await expect(page2.locator('.history-item')).toHaveCount(2);
  await expect(page2.locator('.history-item').first()).toContainText(`sleep ${seconds}`);
  await expect(page2.locator('.history-item').first()).toContainText('cancelled');
  await page2.locator('.history-item').nth(1).click();
  await expect(page2.locator('.run-host')).toHaveCount(N);
});
