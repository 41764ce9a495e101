import { expect, terminalText, test, typeInPane, waitForShells } from './fixtures/workbench';

test('a flood in one terminal does not stall keystrokes in another', async ({ app }) => {
  const { page } = app;
  await waitForShells(page, 1);
  await page.keyboard.press('Control+Shift+D');
  const [flooding, quiet] = await waitForShells(page, 2);

  await typeInPane(page, flooding!, 'seq 1 5000000; echo FLOOD-$((40+2))\n');
  // Wait until the flood is visibly under way.
  await expect.poll(() => terminalText(page, flooding!), { timeout: 20_000 }).toMatch(/^\d{4,}$/m);

  await typeInPane(page, quiet!, 'echo typed-$((1+2))\n');
  await expect.poll(() => terminalText(page, quiet!), { timeout: 20_000 }).toMatch(/^typed-3$/m);
  // The echo came back while the flood was still running, not after it.
  expect(await terminalText(page, flooding!)).not.toMatch(/FLOOD-42/);

  // And the flood completes, with nothing lost at its end.
  await expect.poll(() => terminalText(page, flooding!), { timeout: 120_000 }).toMatch(/^5000000\nFLOOD-42$/m);
});
