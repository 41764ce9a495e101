import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, showHost, test, waitForConnectedPanes } from './fixtures/workbench';

test('an unknown host key is shown with its fingerprint and trusted only when accepted; a changed one is refused', async ({ app, lab }) => {
  const web = await lab.start('new-host');
  await lab.install(app.home, [{ name: 'new-host', host: web.host, port: web.port }]);
  const { page } = app;
  const row = await showHost(page, 'new-host');
  await row.dblclick();
  const dialog = page.getByRole('dialog', { name: 'Unknown host key' });
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('host-key-fingerprint')).toHaveText(web.hostKeyFingerprints[0]!);
  await page.screenshot({ path: test.info().outputPath('host-key.png') });
  await dialog.getByRole('button', { name: 'Accept and connect' }).click();
  await waitForConnectedPanes(page, 1);
  expect(readFileSync(path.join(app.home, '.ssh', 'known_hosts'), 'utf8')).toContain(`[127.0.0.1]:${web.port} ssh-ed25519`);

  // The host is reinstalled with a new key: refused, and nothing offers to connect anyway.
  await page.locator('.tab.active .tab-close').click();
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Hosts' }).click();
  // Restarting sshd drops the pooled connection too, so the next terminal makes a new one.
  await web.restart({ newHostKey: true });
  await (await showHost(page, 'new-host')).dblclick();
  const banner = page.locator('.connection-banner[data-connection-state="failed"]');
  await expect(banner).toContainText('REMOTE HOST IDENTIFICATION HAS CHANGED', { timeout: 20_000 });
  await expect(page.getByRole('dialog', { name: 'Unknown host key' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /connect anyway|accept|reconnect/i })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('host-key-changed.png') });
});
