// The release scripts run by a real POSIX shell against a real directory tree.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readlinkSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { releaseNameFor, releaseScript, shellQuote } from './release';
import type { ReleaseLayout } from './types';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function sh(script: string): { code: number; out: string; err: string } {
  const r = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function deployDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), "wb-release-it's "));
  dirs.push(d);
  return path.join(d, 'app');
}

function release(P: string, name: string, keep = 5): ReleaseLayout {
  return { path: P, name, keep };
}

/** prepare, write a file, switch: what a recipe does. */
function ship(P: string, name: string, keep = 5): void {
  const layout = release(P, name, keep);
  expect(sh(releaseScript('prepare', layout)).code).toBe(0);
  writeFileSync(path.join(P, 'releases', name, 'VERSION'), name);
  const switched = sh(releaseScript('switch', layout));
  expect(switched.err).toBe('');
  expect(switched.code).toBe(0);
}

describe('release scripts', () => {
  it('prepares, switches current atomically, and remembers the previous release (paths with spaces and quotes)', () => {
    const P = deployDir();
    ship(P, 'r1');
    expect(readlinkSync(path.join(P, 'current'))).toBe('releases/r1');
    ship(P, 'r2');
    expect(readlinkSync(path.join(P, 'current'))).toBe('releases/r2');
    expect(sh(`cat ${shellQuote(path.join(P, '.dep/previous_release'))}`).out.trim()).toBe('releases/r1');
    expect(sh(`cat ${shellQuote(path.join(P, 'current/VERSION'))}`).out).toBe('r2');
  });

  it('refuses to prepare a release that already exists', () => {
    const P = deployDir();
    ship(P, 'r1');
    const again = sh(releaseScript('prepare', release(P, 'r1')));
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('already exists');
  });

  it('rolls back to the previous release and removes the failed one', () => {
    const P = deployDir();
    ship(P, 'r1');
    ship(P, 'r2');
    const r = sh(releaseScript('rollback', release(P, 'r2')));
    expect(r.code).toBe(0);
    expect(readlinkSync(path.join(P, 'current'))).toBe('releases/r1');
    expect(existsSync(path.join(P, 'releases/r2'))).toBe(false);
  });

  it('rolling back a release that was never switched to only removes its directory', () => {
    const P = deployDir();
    ship(P, 'r1');
    expect(sh(releaseScript('prepare', release(P, 'r2'))).code).toBe(0);
    const r = sh(releaseScript('rollback', release(P, 'r2')));
    expect(r.code).toBe(0);
    expect(r.out).toContain('nothing to switch back');
    expect(readlinkSync(path.join(P, 'current'))).toBe('releases/r1');
    expect(existsSync(path.join(P, 'releases/r2'))).toBe(false);
  });

  it('cleanup keeps the newest N and never the live one', () => {
    const P = deployDir();
    for (const r of ['r1', 'r2', 'r3', 'r4']) ship(P, r, 2);
    // Roll back twice in effect: make an old release live, then clean up.
    expect(sh(`cd ${shellQuote(P)} && ln -sfn releases/r1 current`).code).toBe(0);
    expect(sh(releaseScript('cleanup', release(P, 'r4', 2))).code).toBe(0);
    expect(readdirSync(path.join(P, 'releases')).sort()).toEqual(['r1', 'r3', 'r4']);
  });

  it('switch fails clearly without prepare', () => {
    const P = deployDir();
    const r = sh(releaseScript('switch', release(P, 'r9')));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('run release: prepare first');
  });

  it('names releases by time, distinct per run', () => {
    const at = new Date(Date.UTC(2026, 10, 25, 14, 30, 12));
    expect(releaseNameFor(at, 'abcdef123')).toBe('20261125143012-abcdef');
    expect(releaseNameFor(at, 'abcdef123') < releaseNameFor(new Date(at.getTime() + 1000), '000000')).toBe(true);
  });
});
