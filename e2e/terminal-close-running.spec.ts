import { expect, terminalText, test, typeInPane, waitForShells } from './fixtures/workbench';

test('closing a terminal that runs a command asks first; an exited shell shows its status', async ({ app }) => {
  const { page } = app;
  const [pane] = await waitForShells(page, 1);
  await typeInPane(page, pane!, 'sleep 300\n');
  await page.waitForTimeout(300);
  await page.locator('.tab .tab-close').first().click();
  const dialog = page.getByRole('dialog', { name: 'Close this terminal?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('sleep');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.terminal-pane')).toHaveCount(1);

  // Stop the command and leave the shell with a status: the pane stays and says so.
  await typeInPane(page, pane!, '\u0003');
  await page.keyboard.type('exit 7\n');
  await expect(page.locator('.pane-banner')).toContainText('exited with code 7');
  await expect.poll(() => terminalText(page, pane!)).toContain('[process exited with code 7]');

  // Nothing runs any more: closing does not ask.
  await page.locator('.tab .tab-close').first().click();
  await expect(page.locator('.terminal-pane')).toHaveCount(0);
  await expect(page.getByText('No terminals open.')).toBeVisible();
});
