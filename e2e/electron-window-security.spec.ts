import { expect, test } from './fixtures/workbench';

test('the desktop window is isolated, sandboxed and cannot navigate or open windows', async ({ app }) => {
  test.skip(app.host !== 'electron', 'skipped: Electron window checks need the desktop host');
  const electron = app.electron!;
  // The preferences themselves are unit-tested (main/app/window.test.ts); here, their effect.
  const { page } = app;
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  const before = page.url();
  await page.evaluate(() => window.open('https://example.com/', '_blank'));
  await page.evaluate(() => (location.href = 'https://example.com/'));
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(electron.windows()).toHaveLength(1);
});
