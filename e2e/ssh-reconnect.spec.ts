import { expect, showHost, terminalText, test, typeInPane, waitForConnectedPanes } from './fixtures/workbench';

test.use({ seedFiles: { 'settings.json': JSON.stringify({ version: 1, ssh: { reconnectAttempts: 4, reconnectFirstDelayMs: 500 } }) } });

test('when sshd dies the tab says so and reconnects; when it stays down, it gives up without hanging', async ({ app, lab }) => {
  const web = await lab.start('flaky-1');
  await lab.install(app.home, [{ name: 'flaky-1', host: web.host, port: web.port }], [web]);
  const { page } = app;
  await (await showHost(page, 'flaky-1')).dblclick();
  const [pane] = await waitForConnectedPanes(page, 1);
  const banner = page.locator(`.terminal-pane[data-pane-id="${pane}"] .connection-banner`);

  await web.crash();
  await expect(banner).toContainText(/lost — reconnecting \(attempt \d/);
  await page.screenshot({ path: test.info().outputPath('reconnecting.png') });
  await expect(page.locator('.tab.active .tab-state')).toHaveClass(/state-(reconnecting|lost|connecting)/);
  await web.restart();
  await expect.poll(() => terminalText(page, pane!), { timeout: 20_000 }).toContain('— reconnected to');
  await expect(banner).toHaveCount(0);
  await typeInPane(page, pane!, 'echo "back=$((40+2))"\n');
  await expect.poll(() => terminalText(page, pane!)).toMatch(/^back=42$/m);

  // Down for good: attempts run out, the banner says so, and the tab still closes.
  await web.crash();
  await expect(banner).toContainText('Could not connect', { timeout: 30_000 });
  await expect(banner).toContainText('gave up after 4 attempts');
  await expect(banner.getByRole('button', { name: 'Reconnect now' })).toBeVisible();
  await page.locator('.tab.active .tab-close').click();
  await expect(page.locator(`.terminal-pane[data-pane-id="${pane}"]`)).toHaveCount(0);
});
