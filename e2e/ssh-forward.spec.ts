import http from 'node:http';
import { expect, showHost, test } from './fixtures/workbench';

test('a local forward started from the UI carries an HTTP request, and stops', async ({ app, lab }) => {
  const web = await lab.start('fwd-host');
  await lab.install(app.home, [{ name: 'fwd-host', host: web.host, port: web.port }], [web]);
  const server = http.createServer((req, res) => res.end(`served ${req.url}`));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  lab.defer(() => new Promise<void>((r) => server.close(() => r())));
  const target = (server.address() as { port: number }).port;

  const { page } = app;
  const row = await showHost(page, 'fwd-host');
  await row.getByRole('button', { name: 'Port forwards through fwd-host' }).click();
  const dialog = page.getByRole('dialog', { name: 'Port forwards through fwd-host' });
  await dialog.getByLabel('Destination').fill(`127.0.0.1:${target}`);
  await dialog.getByRole('button', { name: 'Start' }).click();
  const forward = dialog.locator('tr[data-state="listening"]');
  await expect(forward).toBeVisible({ timeout: 20_000 });
  const bind = (await forward.locator('code').first().textContent())!;
  const port = Number(bind.split(':')[1]);
  expect(bind.startsWith('127.0.0.1:')).toBe(true);
  const body = await new Promise<string>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/through-the-tunnel' }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(text));
    }).on('error', reject);
  });
  expect(body).toBe('served /through-the-tunnel');
  await expect(forward).toContainText('1 total');
  await page.screenshot({ path: test.info().outputPath('forwards.png') });
  await forward.getByRole('button', { name: 'Stop' }).click();
  await expect(dialog.locator('tr')).toHaveCount(0);
});
