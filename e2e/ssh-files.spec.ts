import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, showHost, test } from './fixtures/workbench';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('a 50 MB file goes up and comes back by drag and drop in the files panel, identical', async ({ app, lab }) => {
  test.setTimeout(120_000);
  const web = await lab.start('files-host');
  await lab.install(app.home, [{ name: 'files-host', host: web.host, port: web.port }], [web]);
  const localDir = path.join(app.home, 'outbox');
  const remoteDir = path.join(app.home, 'inbox');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(localDir);
  mkdirSync(remoteDir);
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + 7) % 256;
  writeFileSync(path.join(localDir, 'big.bin'), Buffer.concat(Array.from({ length: 50 }, (_, i) => Buffer.from(block.map((b) => b ^ i)))));

  const { page } = app;
  const row = await showHost(page, 'files-host');
  await row.getByRole('button', { name: 'Files on files-host' }).click();
  const panel = page.getByRole('complementary', { name: 'Files on files-host' });
  const local = panel.locator('.file-pane[data-side="local"]');
  const remote = panel.locator('.file-pane[data-side="remote"]');
  // Each side first shows its home; then we go where the files are.
  await expect(local).toHaveAttribute('data-path', app.home, { timeout: 15_000 });
  await expect(remote).toHaveAttribute('data-path', /./, { timeout: 15_000 });
  await local.getByLabel('This machine path').fill(localDir);
  await local.getByLabel('This machine path').press('Enter');
  await remote.getByLabel('files-host path').fill(remoteDir);
  await remote.getByLabel('files-host path').press('Enter');
  // As a person would, wait until both sides show where we went before dragging.
  // (A loaded CI machine with four browsers at once can take seconds to answer a listing.)
  await expect(local).toHaveAttribute('data-path', localDir, { timeout: 15_000 });
  await expect(remote).toHaveAttribute('data-path', remoteDir, { timeout: 15_000 });
  await expect(local.locator('.file-row[data-name="big.bin"]')).toBeVisible();

  await local.locator('.file-row[data-name="big.bin"]').dragTo(remote.locator('.file-list'));
  await expect(panel.locator('.transfer')).toHaveCount(1);
  await expect(panel.locator('.transfer[data-state="done"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(remote.locator('.file-row[data-name="big.bin"]')).toContainText('50 MB');
  await page.screenshot({ path: test.info().outputPath('files.png') });

  // And back, under another name's directory: download into a fresh local folder.
  const back = path.join(app.home, 'back');
  mkdirSync(back);
  await local.getByLabel('This machine path').fill(back);
  await local.getByLabel('This machine path').press('Enter');
  await expect(local).toHaveAttribute('data-path', back);
  await remote.locator('.file-row[data-name="big.bin"]').dragTo(local.locator('.file-list'));
  await expect(panel.locator('.transfer[data-state="done"]')).toHaveCount(2, { timeout: 60_000 });
  expect(sha(path.join(back, 'big.bin'))).toBe(sha(path.join(localDir, 'big.bin')));
  expect(sha(path.join(remoteDir, 'big.bin'))).toBe(sha(path.join(localDir, 'big.bin')));
});
