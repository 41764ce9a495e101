import { expect, showHost, terminalText, test, typeInPane, waitForConnectedPanes } from './fixtures/workbench';

test('hosts from ~/.ssh/config appear; a double-click opens a terminal that runs a command there', async ({ app, lab }) => {
  const web1 = await lab.start('web-1');
  const web2 = await lab.start('web-2');
  await lab.install(app.home, [
    { name: 'web-1', host: web1.host, port: web1.port },
    { name: 'web-2', host: web2.host, port: web2.port },
  ], [web1, web2]);
  const { page } = app;
  const row = await showHost(page, 'web-1');
  await expect(page.locator('.host-row[data-host-id="web-2"]')).toBeVisible();
  await expect(row).toContainText(`${lab.user}@127.0.0.1:${web1.port}`);
  await row.dblclick();
  const [pane] = await waitForConnectedPanes(page, 1);
  await typeInPane(page, pane!, 'echo "on=$WB_HOST"\n');
  await expect.poll(() => terminalText(page, pane!)).toMatch(/^on=web-1$/m);
  await expect(page.locator('.tab.active .tab-state.state-connected')).toBeVisible();
  // The hosts list shows the live connection too.
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Hosts' }).click();
  await expect(page.locator('.host-row[data-host-id="web-1"] .host-state.state-connected')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('hosts.png') });
});

test('a malformed line in ~/.ssh/config names its file and line, and the other hosts still work', async ({ app, lab }) => {
  const web = await lab.start('web-ok');
  await lab.install(app.home, [{ name: 'web-ok', host: web.host, port: web.port }], [web], 'Host broken\n  Port not-a-number\n');
  const { page } = app;
  await showHost(page, 'web-ok');
  await page.getByRole('button', { name: /problem.* in the host files/ }).click();
  const problem = page.locator('.problem-list li').first();
  await expect(problem).toContainText('.ssh/config:');
  await expect(problem).toContainText(/Port/i);
  await page.screenshot({ path: test.info().outputPath('problems.png') });
});

test('the command palette connects to a host by name', async ({ app, lab }) => {
  const web = await lab.start('palette-1');
  await lab.install(app.home, [{ name: 'palette-1', host: web.host, port: web.port }], [web]);
  const { page } = app;
  await showHost(page, 'palette-1');
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('palette-1');
  await page.keyboard.press('Enter');
  await waitForConnectedPanes(page, 1);
});
