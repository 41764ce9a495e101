import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/contract/settings';
import { createLogger } from '../log';
import { SettingsStore } from './settings';

let dir: string;
let file: string;
const log = createLogger('test', 'silent');
const backups = () => readdirSync(dir).filter((f) => f.endsWith('.bak'));

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wb-settings-'));
  file = path.join(dir, 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function load() {
  const store = new SettingsStore(file, log);
  store.load();
  return store;
}

describe('settings file', () => {
  it('starts from defaults without writing anything', () => {
    const store = load();
    expect(store.current).toEqual(defaultSettings());
    expect(store.current.terminal.scrollback).toBe(10_000);
    expect(store.state.notices).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it('saves changes atomically as a versioned file and reads them back', () => {
    load().update({ terminal: { scrollback: 5000 }, appearance: { theme: 'dark' } });
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ version: 1, appearance: { theme: 'dark' }, terminal: { scrollback: 5000 } });
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(load().current.terminal.scrollback).toBe(5000);
  });

  it('sets a corrupt file aside, tells the user where (with the line), and never overwrites it', () => {
    const corrupt = '{\n  "version": 1,\n  "terminal": { "scrollback": 500, }\n';
    writeFileSync(file, corrupt);
    const store = load();
    expect(store.current).toEqual(defaultSettings());
    expect(existsSync(file)).toBe(false);
    const [aside] = backups();
    expect(readFileSync(path.join(dir, aside!), 'utf8')).toBe(corrupt);
    const [notice] = store.state.notices;
    expect(notice).toMatchObject({ id: 'settings-corrupt', level: 'warning', where: file });
    expect(notice!.message).toContain(aside);
    expect(notice!.message).toMatch(/line 3/);
    store.update({ terminal: { fontSize: 15 } });
    expect(readFileSync(path.join(dir, aside!), 'utf8')).toBe(corrupt);
  });

  it('resets only the invalid fields, keeping a copy of the original', () => {
    const original = JSON.stringify({ version: 1, appearance: { theme: 'light' }, terminal: { scrollback: -5, fontSize: 16 } });
    writeFileSync(file, original);
    const store = load();
    expect(store.current.appearance.theme).toBe('light');
    expect(store.current.terminal.fontSize).toBe(16);
    expect(store.current.terminal.scrollback).toBe(10_000);
    expect(store.state.notices[0]).toMatchObject({ id: 'settings-repaired' });
    expect(store.state.notices[0]!.message).toMatch(/terminal\.scrollback/);
    expect(readFileSync(path.join(dir, backups()[0]!), 'utf8')).toBe(original);
  });

  it('uses a file from a newer version read-only', () => {
    const newer = JSON.stringify({ version: 99, appearance: { theme: 'dark' }, futureThing: true });
    writeFileSync(file, newer);
    const store = load();
    expect(store.state.readOnly).toBe(true);
    expect(store.current.appearance.theme).toBe('dark');
    expect(() => store.update({ appearance: { theme: 'light' } })).toThrow(/read-only/);
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });

  it('sets aside a file that is not an object or has a nonsense version', () => {
    writeFileSync(file, '[1,2]');
    expect(load().state.notices[0]).toMatchObject({ id: 'settings-corrupt' });
    writeFileSync(file, '{"version":"one"}');
    expect(load().state.notices[0]!.message).toMatch(/version/);
    expect(backups()).toHaveLength(2);
  });
});
