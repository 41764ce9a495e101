import { expect, showHost, terminalText, test, waitForConnectedPanes, waitForShells } from './fixtures/workbench';

test('a saved command with a parameter runs in the active terminal, then on two selected hosts', async ({ app, lab }) => {
  const hosts = await Promise.all(['s-1', 's-2'].map((name) => lab.start(name)));
  await lab.install(app.home, hosts.map((h) => ({ name: h.name, host: h.host, port: h.port })), hosts);
  const { page } = app;
  const [local] = await waitForShells(page, 1);

  await page.keyboard.press('Control+Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Snippets' });
  await dialog.getByRole('button', { name: '+ New snippet' }).click();
  await dialog.getByLabel('Name', { exact: true }).fill('Greet');
  await dialog.getByLabel(/Command/).fill('echo "greet-{{who=world}}-${WB_HOST:-local}"');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByRole('button', { name: 'Greet' }).click();
  await dialog.getByLabel('who').fill('ops');
  await expect(dialog).toContainText('Runs: echo "greet-ops-${WB_HOST:-local}"');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect.poll(() => terminalText(page, local!)).toMatch(/^greet-ops-local$/m);

  for (const h of hosts) await (await showHost(page, h.name)).getByRole('checkbox').check();
  await page.keyboard.press('Control+Shift+S');
  await dialog.getByRole('button', { name: 'Greet' }).click();
  await dialog.getByLabel('On the 2 selected hosts').check();
  await dialog.getByRole('button', { name: 'Run' }).click();
  const panes = await waitForConnectedPanes(page, 2);
  const answers = async () => (await Promise.all(panes.map((p) => terminalText(page, p)))).map((t) => /^greet-world-(s-\d)$/m.exec(t)?.[1]).sort();
  await expect.poll(answers).toEqual(['s-1', 's-2']);
});
