import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures/workbench';

const CORRUPT = '{ "version": 1, "appearance": { "theme": "light", }';

test.use({ seedFiles: { 'settings.json': CORRUPT } });

test('a corrupt settings file is set aside and the user is told where it went', async ({ app }) => {
  const { page, dataDir } = app;
  const notice = page.locator('[data-notice-id="settings-corrupt"]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('set aside');
  const [aside] = readdirSync(dataDir).filter((f) => f.endsWith('.bak'));
  expect(aside).toBeDefined();
  await expect(notice).toContainText(aside!);
  expect(readFileSync(path.join(dataDir, aside!), 'utf8')).toBe(CORRUPT);
  expect(existsSync(path.join(dataDir, 'settings.json'))).toBe(false);
  await page.screenshot({ path: test.info().outputPath('corrupt-settings.png') });
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
});
