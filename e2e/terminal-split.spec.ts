import { expect, panes, terminalText, test, typeInPane, waitForShells } from './fixtures/workbench';

test('two terminals side by side: a command runs in the right one and a resize reaches its shell', async ({ app }) => {
  const { page } = app;
  const [left] = await waitForShells(page, 1);
  await page.keyboard.press('Control+Shift+D');
  const [, right] = await waitForShells(page, 2);
  expect(left).toBeDefined();
  expect(right).toBeDefined();

  // Side by side: the right pane starts to the right of the left one.
  const leftBox = await page.locator(`.terminal-pane[data-pane-id="${left}"]`).boundingBox();
  const rightBox = await page.locator(`.terminal-pane[data-pane-id="${right}"]`).boundingBox();
  expect(rightBox!.x).toBeGreaterThan(leftBox!.x + leftBox!.width - 5);

  await typeInPane(page, right!, 'echo $((6*7))\n');
  await expect.poll(() => terminalText(page, right!)).toMatch(/^42$/m);
  expect(await terminalText(page, left!)).not.toMatch(/^42$/m);

  // The shell sees the size xterm computed, then a new one after the window shrinks.
  const before = (await panes(page)).find((p) => p.paneId === right)!;
  await typeInPane(page, right!, 'echo cols=$(tput cols)\n');
  await expect.poll(() => terminalText(page, right!)).toContain(`cols=${before.cols}`);
  await page.setViewportSize({ width: 900, height: 700 });
  await expect.poll(async () => (await panes(page)).find((p) => p.paneId === right)!.cols).toBeLessThan(before.cols);
  const after = (await panes(page)).find((p) => p.paneId === right)!;
  await typeInPane(page, right!, 'clear; echo cols=$(tput cols)\n');
  await expect.poll(() => terminalText(page, right!)).toContain(`cols=${after.cols}`);
  await page.screenshot({ path: test.info().outputPath('split.png') });
});

test('keyboard moves focus between panes and closes them', async ({ app }) => {
  const { page } = app;
  const [first] = await waitForShells(page, 1);
  await page.keyboard.press('Control+Shift+E'); // split down
  const [, second] = await waitForShells(page, 2);
  await expect.poll(() => page.evaluate(() => window.__workbench!.activePaneId())).toBe(second);
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => page.evaluate(() => window.__workbench!.activePaneId())).toBe(first);
  await page.keyboard.type('echo in-first\n');
  await expect.poll(() => terminalText(page, first!)).toMatch(/^in-first$/m);
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => page.evaluate(() => window.__workbench!.activePaneId())).toBe(second);
  await page.keyboard.press('Alt+Shift+W');
  await expect(page.locator('.terminal-pane')).toHaveCount(1);
});
