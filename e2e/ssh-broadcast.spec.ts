import { expect, showHost, terminalText, test, waitForConnectedPanes } from './fixtures/workbench';

test('typing once into three hosts at the same time, each pane marked as a broadcast target', async ({ app, lab }) => {
  const hosts = await Promise.all(['b-1', 'b-2', 'b-3'].map((name) => lab.start(name)));
  await lab.install(app.home, hosts.map((h) => ({ name: h.name, host: h.host, port: h.port })), hosts);
  const { page } = app;
  for (const h of hosts) await (await showHost(page, h.name)).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Open 3 with broadcast' }).click();
  const panes = await waitForConnectedPanes(page, 3);
  await expect(page.locator('.terminal-pane.broadcasting .broadcast-badge')).toHaveCount(3);
  await page.locator(`.terminal-pane[data-pane-id="${panes[0]}"] .terminal-host`).click();
  await page.keyboard.type('echo "hello from $WB_HOST"\n');
  // Each pane answers with its own host's name: three different answers from one keystroke sequence.
  const answers = async () => (await Promise.all(panes.map((pane) => terminalText(page, pane)))).map((text) => /^hello from (b-\d)$/m.exec(text)?.[1]).sort();
  await expect.poll(answers).toEqual(['b-1', 'b-2', 'b-3']);
  await page.screenshot({ path: test.info().outputPath('broadcast.png') });
  // Stop broadcasting: typing reaches one pane only.
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('Stop broadcasting');
  await page.keyboard.press('Enter');
  await expect(page.locator('.broadcast-badge')).toHaveCount(0);
});
