import { expect, test, typeInPane, waitForShells } from './fixtures/workbench';

test('find in the scrollback, and an invalid regex says so where it was typed', async ({ app }) => {
  const { page } = app;
  const [pane] = await waitForShells(page, 1);
  await typeInPane(page, pane!, 'for i in 1 2 3; do echo needle-$i; done\n');
  await page.keyboard.press('Control+Shift+F');
  const find = page.getByRole('searchbox').or(page.getByLabel('Find in terminal'));
  await expect(find).toBeFocused();
  await find.fill('needle-');
  await expect(page.locator('.search-count')).toHaveText(/of [34]/);
  await page.getByLabel('Regular expression').check();
  await find.fill('needle-(');
  await expect(page.locator('.search-count')).toContainText('Invalid regex');
  await find.press('Escape');
  await expect(page.locator('.search-bar')).toHaveCount(0);
});
