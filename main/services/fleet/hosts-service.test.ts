import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { HostsService } from './hosts-service';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function service() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wb-hosts-'));
  dirs.push(root);
  const home = path.join(root, 'home');
  mkdirSync(home);
  const hosts = new HostsService({ dataDir: path.join(root, 'data'), home, log: createLogger('test', 'silent'), sshConfigFiles: () => [path.join(home, '.ssh', 'config')] });
  return { hosts, home };
}

describe('hosts', () => {
  it('merges ssh config aliases with the inventory, which adds groups and overrides settings', () => {
    const { hosts, home } = service();
    mkdirSync(path.join(home, '.ssh'));
    writeFileSync(path.join(home, '.ssh', 'config'), 'Host web-1\n  HostName 10.0.0.5\n  User deploy\nHost bastion\n  HostName 10.0.0.1\nHost *.internal\n  User ops\n');
    hosts.inventory.save({ id: 'web-1', groups: ['web'], tags: ['prod'], notes: 'front' });
    hosts.inventory.save({ id: 'db-1', hostname: '10.0.0.9', port: 2222, proxyJump: 'bastion', groups: ['db'], tags: [], notes: '' });
    hosts.reload();
    const list = hosts.list();
    expect(list.hosts.map((h) => [h.id, h.source, h.hostname, h.user, h.groups])).toEqual([
      ['web-1', 'both', '10.0.0.5', 'deploy', ['web']],
      ['bastion', 'ssh-config', '10.0.0.1', os.userInfo().username, []],
      ['db-1', 'inventory', '10.0.0.9', os.userInfo().username, ['db']],
    ]);
    const target = hosts.target('db-1');
    expect(target.hop).toMatchObject({ hostname: '10.0.0.9', port: 2222 });
    expect(target.via?.hop).toMatchObject({ hostname: '10.0.0.1', port: 22 });
    expect(() => hosts.target('nope')).toThrow(/no host "nope"/);
  });

  it('reports a malformed config line with its file and line, and keeps the other hosts', () => {
    const { hosts, home } = service();
    mkdirSync(path.join(home, '.ssh'));
    writeFileSync(path.join(home, '.ssh', 'config'), 'Host good\n  HostName 10.0.0.5\nHost bad\n  Port notaport\nHost also-good\n  HostName 10.0.0.6\n');
    const list = hosts.list();
    expect(list.hosts.map((h) => h.id)).toEqual(expect.arrayContaining(['good', 'also-good']));
    expect(list.problems).toContainEqual(expect.objectContaining({ file: path.join(home, '.ssh', 'config'), line: 4, severity: 'error' }));
  });

  it('notices ~/.ssh/config appearing and changing after start (read live)', async () => {
    const { hosts, home } = service();
    const stop = hosts.watch();
    let changes = 0;
    hosts.onChange(() => changes++);
    expect(hosts.list().hosts).toEqual([]);
    mkdirSync(path.join(home, '.ssh'));
    await new Promise((r) => setTimeout(r, 200));
    writeFileSync(path.join(home, '.ssh', 'config'), 'Host late-1\n  HostName 10.0.0.7\n');
    await expect.poll(() => hosts.list().hosts.map((h) => h.id), { timeout: 5000 }).toEqual(['late-1']);
    writeFileSync(path.join(home, '.ssh', 'config'), 'Host late-1\n  HostName 10.0.0.7\nHost late-2\n  HostName 10.0.0.8\n');
    await expect.poll(() => hosts.list().hosts.map((h) => h.id), { timeout: 5000 }).toEqual(['late-1', 'late-2']);
    expect(changes).toBeGreaterThanOrEqual(2);
    stop.dispose();
  });
});
