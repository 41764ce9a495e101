// The local file source against real files: tail, follow, rotation,
// truncation, a file that appears later, partial lines, and a large file.
import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../log';
import { open } from 'node:fs/promises';
import { startFileSource, tailStart } from './file';
import type { LogSourceHandle } from './index';
import { collect, numbered, sleep } from './test/collect';

const log = createLogger('file-source-test', 'silent');
const handles: LogSourceHandle[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(name = 'app.log'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-file-source-'));
  dirs.push(dir);
  return path.join(dir, name);
}

function start(file: string, tailLines: number) {
  const c = collect();
  const handle = startFileSource(file, { tailLines, log }, c.sink);
  handles.push(handle);
  return { c, handle };
}

const lines = (prefix: string, from: number, to: number) => numbered(prefix, from, to).map((l) => `${l}\n`).join('');

describe('file source', () => {
  it('reads the last tailLines lines, then follows appends, batching and going idle', async () => {
    const file = tempFile();
    writeFileSync(file, lines('line', 1, 50));
    const { c, handle } = start(file, 10);
    expect(handle).toMatchObject({ id: `file:${file}`, label: 'app.log' });
    await c.waitFor('the tail', () => c.lines.length === 10);
    expect(c.texts()).toEqual(numbered('line', 41, 50));
    expect(c.batches).toBe(1);
    expect(c.states()).toEqual(['connecting', 'streaming']);
    await c.waitFor('idle', () => c.idles.length === 1);

    appendFileSync(file, lines('line', 51, 60));
    await c.waitFor('the appended lines', () => c.lines.length === 20);
    expect(c.texts()).toEqual(numbered('line', 41, 60));
  });

  it('keeps a partial last line until its newline arrives, and strips CR', async () => {
    const file = tempFile();
    writeFileSync(file, 'one\r\ntwo\nthr');
    const { c } = start(file, 100);
    await c.waitFor('two lines', () => c.lines.length === 2);
    expect(c.texts()).toEqual(['one', 'two']);
    appendFileSync(file, 'ee');
    await sleep(700);
    expect(c.lines).toHaveLength(2);
    appendFileSync(file, ' and more\nfour\n');
    await c.waitFor('the completed line', () => c.lines.length === 4);
    expect(c.texts()).toEqual(['one', 'two', 'three and more', 'four']);
  });

  it('follows rotation (rename + new file) without losing or repeating a line, reading the old file to its end first', async () => {
    const file = tempFile();
    writeFileSync(file, lines('l', 1, 5));
    const { c } = start(file, 1000);
    await c.waitFor('the first lines', () => c.lines.length === 5);
    // The writer still appends to the old file after the rename (as a daemon does until it reopens).
    appendFileSync(file, lines('l', 6, 8));
    renameSync(file, `${file}.1`);
    appendFileSync(`${file}.1`, lines('l', 9, 10));
    writeFileSync(file, lines('l', 11, 12));
    await c.waitFor('the new file', () => c.lines.length === 12);
    appendFileSync(file, lines('l', 13, 20));
    await c.waitFor('more', () => c.lines.length === 20);
    await sleep(600);
    expect(c.texts()).toEqual(numbered('l', 1, 20));
    // Rotate many times quickly.
    for (let round = 0; round < 5; round++) {
      renameSync(file, `${file}.1`);
      writeFileSync(file, lines('r', round * 10 + 1, round * 10 + 10));
      await sleep(250);
    }
    await c.waitFor('every rotation', () => c.lines.length === 70);
    await sleep(600);
    expect(c.texts()).toEqual([...numbered('l', 1, 20), ...numbered('r', 1, 50)]);
  });

  it('starts again from 0 after truncation', async () => {
    const file = tempFile();
    writeFileSync(file, lines('old', 1, 30));
    const { c } = start(file, 5);
    await c.waitFor('the tail', () => c.lines.length === 5);
    truncateSync(file, 0);
    await sleep(700);
    appendFileSync(file, lines('new', 1, 3));
    await c.waitFor('the new lines', () => c.lines.length === 8);
    await sleep(600);
    expect(c.texts()).toEqual([...numbered('old', 26, 30), ...numbered('new', 1, 3)]);
  });

  it('reports a missing file as failed, retries, and reads all of it once it appears', async () => {
    const file = tempFile('later.log');
    const { c } = start(file, 2);
    await c.waitFor('failed', () => c.states().includes('failed'));
    expect(c.statuses.find((s) => s.state === 'failed')!.message).toBe(`no such file: ${file}`);
    await c.waitFor('retrying', () => c.states().includes('retrying'), 5000);
    writeFileSync(file, lines('x', 1, 4));
    await c.waitFor('the file', () => c.lines.length === 4, 5000);
    // Created after the source started: every line of it is new, not just the tail.
    expect(c.texts()).toEqual(numbered('x', 1, 4));
    expect(c.states().at(-1)).toBe('streaming');
  });

  it('reports a directory as failed', async () => {
    const file = tempFile();
    const { c } = start(path.dirname(file), 10);
    await c.waitFor('failed', () => c.states().includes('failed'));
    expect(c.statuses.at(-1)!.message).toMatch(/^is a directory: /);
  });

  it('reads the tail of a large file in chunks, and stops cleanly', async () => {
    const file = tempFile();
    const chunk: string[] = [];
    for (let i = 1; i <= 300_000; i++) chunk.push(`${i} ${'x'.repeat(i % 50)} a fairly ordinary log line with some words in it`);
    writeFileSync(file, `${chunk.join('\n')}\n`); // ~30 MB
    const { c, handle } = start(file, 250_000);
    await c.waitFor('the tail', () => c.lines.length === 250_000, 20_000);
    expect(c.lines[0]!.text.startsWith('50001 ')).toBe(true);
    expect(c.lines.at(-1)!.text.startsWith('300000 ')).toBe(true);
    expect(c.batches).toBeLessThan(40);
    handle.stop();
    appendFileSync(file, 'after stop\n');
    await sleep(700);
    expect(c.lines).toHaveLength(250_000);
  });

  it('finds where the last N lines start exactly, across chunks, with or without a final newline', async () => {
    // ~2.6 MB: three read chunks, the tail starting in each of them.
    const all = Array.from({ length: 40_000 }, (_, i) => `${i} ${'y'.repeat((i * 7) % 120)}`);
    for (const ending of ['\n', '']) {
      const file = tempFile(`tail${ending ? 'nl' : ''}.log`);
      const content = all.join('\n') + ending;
      writeFileSync(file, content);
      const handle = await open(file, 'r');
      try {
        const size = content.length;
        // The naive answer: the offset of line (count - n), or 0.
        const starts = [0];
        for (let i = 0; i < all.length - 1; i++) starts.push(starts[i]! + all[i]!.length + 1);
        for (const n of [0, 1, 2, 9_999, 20_000, 25_001, 39_999, 40_000, 40_001, 1_000_000]) {
          const want = n === 0 ? size : n >= all.length ? 0 : starts[all.length - n]!;
          expect(await tailStart(handle, size, n), `${n} lines, ${ending ? 'final newline' : 'none'}`).toBe(want);
        }
      } finally {
        await handle.close();
      }
    }
  });
});
