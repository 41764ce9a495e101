import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, waitForShells } from './fixtures/workbench';

test('the command palette lists actions with shortcuts and switches the theme, which is saved', async ({ app }) => {
  const { page } = app;
  await waitForShells(page, 1);
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog').or(page.locator('.palette'));
  await expect(palette.first()).toBeVisible();
  await expect(page.locator('.palette-item', { hasText: 'Split terminal right' })).toContainText('Ctrl+Shift+D');
  await expect(page.locator('.palette-item', { hasText: 'New terminal tab' })).toContainText('Ctrl+Shift+T');

  await page.keyboard.type('theme light');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: test.info().outputPath('light.png') });
  await expect.poll(() => JSON.parse(readFileSync(path.join(app.dataDir, 'settings.json'), 'utf8')).appearance.theme).toBe('light');

  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('theme dark');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: test.info().outputPath('dark.png') });
});

