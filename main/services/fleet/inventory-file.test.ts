import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InventoryFile } from './inventory-file';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wb-inv-'));
  file = path.join(dir, 'inventory.yaml');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const host = (id: string, extra: Partial<Parameters<InventoryFile['save']>[0]> = {}) => ({ id, groups: [], tags: [], notes: '', ...extra });

describe('inventory file', () => {
  it('is created on first save, versioned, and read back', () => {
    const inventory = new InventoryFile(file);
    inventory.save(host('web-1', { hostname: '10.0.0.5', port: 2222, user: 'deploy', groups: ['web'], tags: ['prod'], notes: 'front door' }));
    expect(readFileSync(file, 'utf8')).toMatch(/^# DevOps Workbench inventory/);
    expect(readFileSync(file, 'utf8')).toContain('version: 1');
    expect(inventory.read().entries).toEqual([
      { name: 'web-1', line: expect.any(Number), hostname: '10.0.0.5', port: 2222, user: 'deploy', groups: ['web'], tags: ['prod'], notes: 'front door' },
    ]);
  });

  it('keeps the user\'s comments when the UI edits, renames and removes hosts', () => {
    writeFileSync(file, 'version: 1\nhosts:\n  # the database, do not reboot on Fridays\n  db-1:\n    hostname: 10.0.0.9\n  web-1:\n    groups: [web]\n');
    const inventory = new InventoryFile(file);
    inventory.save(host('web-2', { previousId: 'web-1', groups: ['web', 'canary'] }));
    inventory.save(host('db-1', { hostname: '10.0.0.9', tags: ['critical'] }));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# the database, do not reboot on Fridays');
    expect(inventory.read().entries.map((e) => e.name)).toEqual(['db-1', 'web-2']);
    expect(inventory.remove('web-2')).toBe(true);
    expect(inventory.remove('web-2')).toBe(false);
    expect(inventory.read().entries.map((e) => e.name)).toEqual(['db-1']);
  });

  it('skips only a malformed entry, naming its line', () => {
    writeFileSync(file, 'version: 1\nhosts:\n  ok-1:\n    hostname: a\n  bad-1:\n    port: not-a-port\n  ok-2:\n    tags: [x]\n');
    const { entries, problems } = new InventoryFile(file).read();
    expect(entries.map((e) => e.name)).toEqual(['ok-1', 'ok-2']);
    expect(problems).toEqual([{ file, line: 5, severity: 'error', message: expect.stringMatching(/host "bad-1": port: .*skipped/) }]);
  });

  it('reports a YAML syntax error with its line and refuses to rewrite the file', () => {
    const broken = 'version: 1\nhosts:\n  web-1:\n    groups: [web\n';
    writeFileSync(file, broken);
    const inventory = new InventoryFile(file);
    expect(inventory.read().problems[0]).toMatchObject({ file, severity: 'error' });
    expect(() => inventory.save(host('web-9'))).toThrow(/syntax error on line/);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });

  it('imports many hosts, leaving existing names alone', () => {
    const inventory = new InventoryFile(file);
    inventory.save(host('web-1', { notes: 'mine' }));
    expect(inventory.addMany([host('web-1', { notes: 'theirs' }), host('web-2')])).toEqual({ added: ['web-2'], skipped: ['web-1'] });
    expect(inventory.read().entries.find((e) => e.name === 'web-1')?.notes).toBe('mine');
  });
});
