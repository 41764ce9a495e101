import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { expandIncludeGlob } from './include-glob';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wb-include-glob-'));
  for (const f of ['b.conf', 'a.conf', 'c.txt', '.hidden.conf', 'x1.conf', 'x2.conf', 'sub/one.conf', 'sub2/two.conf', 'dir.conf/inner']) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), '');
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const names = (pattern: string) => expandIncludeGlob(path.join(dir, pattern)).map((f) => path.relative(dir, f));

it('matches like glob(3): sorted, files only, dotfiles only when asked, classes and wildcards in any component', () => {
  expect(names('*.conf')).toEqual(['a.conf', 'b.conf', 'x1.conf', 'x2.conf']);
  expect(names('.*.conf')).toEqual(['.hidden.conf']);
  expect(names('x[!1].conf')).toEqual(['x2.conf']);
  expect(names('[a-b].conf')).toEqual(['a.conf', 'b.conf']);
  expect(names('?.conf')).toEqual(['a.conf', 'b.conf']);
  expect(names('sub*/*.conf')).toEqual(['sub/one.conf', 'sub2/two.conf']);
  expect(names('nothing-*')).toEqual([]);
});
