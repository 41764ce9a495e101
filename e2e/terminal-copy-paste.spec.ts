import { expect, terminalText, test, typeInPane, waitForShells } from './fixtures/workbench';

test('copy a selection and paste into the shell with the keyboard', async ({ app }) => {
  const { page } = app;
  if (app.host === 'web') await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const [pane] = await waitForShells(page, 1);
  await typeInPane(page, pane!, 'clear; echo copy-$((20+1))\n');
  await expect.poll(() => terminalText(page, pane!)).toMatch(/^copy-21$/m);
  // Select the output line through xterm's own selection API, as a mouse drag would.
  await page.evaluate((id) => {
    type Line = { translateToString(trim: boolean): string };
    const term = window.__workbench!.xterm(id) as { select(col: number, row: number, length: number): void; buffer: { active: { length: number; getLine(y: number): Line | undefined } } };
    const buffer = term.buffer.active;
    for (let y = 0; y < buffer.length; y++) if (buffer.getLine(y)?.translateToString(true) === 'copy-21') return term.select(0, y, 7);
    throw new Error('output line not found');
  }, pane!);
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('copy-21');

  await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((2+3))'));
  await page.keyboard.press('Control+Shift+V');
  await expect.poll(() => terminalText(page, pane!)).toContain('echo pasted-$((2+3))');
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page, pane!)).toMatch(/^pasted-5$/m);
});
