import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunHistory } from './history';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const dir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'wb-history-'));
  dirs.push(d);
  return d;
};

describe('run history', () => {
  it('keeps runs and per-host results across a restart, newest first', () => {
    const data = dir();
    const history = new RunHistory(data);
    const first = history.start('command', 'uptime', ['a', 'b'], 1000);
    history.recordHost(first, { hostId: 'a', status: 'ok', exitCode: 0, signal: null, durationMs: 12, output: 'up 1 day', truncated: false, error: null });
    history.recordHost(first, { hostId: 'b', status: 'unreachable', exitCode: null, signal: null, durationMs: 5000, output: '', truncated: false, error: 'refused' });
    history.finish(first, 'done', 2000);
    const second = history.start('command', 'hostname', ['a'], 3000);
    history.finish(second, 'cancelled', 3500);
    history.close();

    const reopened = new RunHistory(data);
    expect(reopened.list().map((r) => [r.id, r.command, r.status])).toEqual([[second, 'hostname', 'cancelled'], [first, 'uptime', 'done']]);
    expect(reopened.get(first)).toMatchObject({
      run: { counts: { ok: 1, unreachable: 0 + 1, failed: 0, cancelled: 0 }, hostIds: ['a', 'b'] },
      hosts: [expect.objectContaining({ hostId: 'a', output: 'up 1 day' }), expect.objectContaining({ hostId: 'b', error: 'refused' })],
    });
    reopened.close();
  });

  it('marks a run the app never finished as interrupted', () => {
    const data = dir();
    const history = new RunHistory(data);
    const id = history.start('command', 'sleep 600', ['a']);
    history.close();
    const reopened = new RunHistory(data);
    expect(reopened.get(id)?.run.status).toBe('interrupted');
    reopened.close();
  });
});
