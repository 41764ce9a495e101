import { startPasswordServer } from './fixtures/ssh/password-server';
import { expect, showHost, test, waitForConnectedPanes } from './fixtures/workbench';

test('a wrong password says so and asks again; the right one connects and is shared by the next terminal', async ({ app, lab }) => {
  const server = await startPasswordServer({ password: 'correct horse', username: lab.user, methods: ['password'] });
  lab.defer(() => server.stop());
  const known = [{ host: server.host, port: server.port, hostPublicKeys: [server.hostPublicKey] }];
  await lab.install(app.home, [{ name: 'pw-host', host: server.host, port: server.port, identityFile: false }], known);
  const { page } = app;
  await (await showHost(page, 'pw-host')).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Password' });
  await dialog.getByLabel('Password').fill('wrong horse');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toContainText('wrong password, try again');
  await expect(dialog.getByLabel('Password')).toHaveValue('');
  await page.screenshot({ path: test.info().outputPath('wrong-password.png') });
  await dialog.getByLabel('Password').fill('correct horse');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await waitForConnectedPanes(page, 1);

  // The password was not remembered: a new connection asks again; cancelling ends it, and says so.
  await page.locator('.tab.active .tab-close').click();
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Hosts' }).click();
  await page.locator('.host-row[data-host-id="pw-host"]').dblclick();
  // The pooled connection is still open for a while (ControlPersist-like): it reconnects without asking...
  await waitForConnectedPanes(page, 1);
  await expect(page.getByRole('dialog', { name: 'Password' })).toHaveCount(0);
});

test('cancelling the password question ends the attempt with a clear message', async ({ app, lab }) => {
  const server = await startPasswordServer({ password: 'correct horse', username: lab.user, methods: ['password'] });
  lab.defer(() => server.stop());
  await lab.install(app.home, [{ name: 'pw-cancel', host: server.host, port: server.port, identityFile: false }], [{ host: server.host, port: server.port, hostPublicKeys: [server.hostPublicKey] }]);
  const { page } = app;
  await (await showHost(page, 'pw-cancel')).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Password' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.connection-banner[data-connection-state="failed"]')).toContainText('authentication cancelled');
  await expect(dialog).toHaveCount(0);
});
