// ssh-file and journald sources against a real OpenSSH server: follow,
// rotation, the host dying and coming back on the same port (no line lost or
// repeated), and stop() leaving no tail running on the host.
import { execSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderKnownHosts } from '../../../../e2e/fixtures/ssh/fleet';
import { generateClientKeys, type ClientKeys } from '../../../../e2e/fixtures/ssh/keys';
import { startSshd, type SshdHost } from '../../../../e2e/fixtures/ssh/sshd';
import { WorkbenchError } from '../../../../shared/contract/errors';
import type { KubeService } from '../../kube/service';
import { createLogger } from '../../log';
import { SshService } from '../../ssh';
import { execCommand } from '../../ssh/exec';
import type { SecretStore } from '../../store/secrets';
import type { LogSourceHandle, SourceDeps } from './index';
import { startSource } from './index';
import { parseJournalEntry } from './journald';
import { classifyTailMessage } from './ssh-file';
import { collect, numbered, sleep } from './test/collect';

const log = createLogger('ssh-file-test', 'silent');
let keys: ClientKeys;
let sshd: SshdHost;
let ssh: SshService;
let dir: string;
const handles: LogSourceHandle[] = [];

function memorySecrets(): SecretStore {
  const map = new Map<string, string>();
  return { description: 'memory', get: (k) => map.get(k), set: (k, v) => void map.set(k, v), delete: (k) => void map.delete(k), has: (k) => map.has(k) };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wb-ssh-logs-'));
  keys = await generateClientKeys(dir);
  sshd = await startSshd({ name: 'logs-1', authorizedKeys: [keys.plain.publicKey] });
  const knownHosts = path.join(dir, 'known_hosts');
  writeFileSync(knownHosts, renderKnownHosts([sshd]));
  ssh = new SshService({
    secrets: memorySecrets(),
    log,
    settings: () => ({ configFiles: [], reconnectAttempts: 3, reconnectFirstDelayMs: 200 }),
    target: (hostId) => {
      if (hostId !== 'logs-1') throw new WorkbenchError({ code: 'not-found', message: `no host ${hostId}` });
      return {
        hostId,
        hop: {
          label: 'logs-1',
          hostname: sshd.host,
          port: sshd.port,
          user: sshd.user,
          identityFiles: [keys.plain.privateKeyPath],
          identitiesOnly: true,
          keepaliveIntervalMs: 2000,
          keepaliveCountMax: 2,
          connectTimeoutMs: 3000,
          forwardAgent: false,
          authMethods: ['publickey'],
          knownHostsFiles: [knownHosts],
          strictHostKeyChecking: 'yes',
          hashKnownHosts: false,
        },
      };
    },
  });
}, 60_000);

afterEach(() => {
  for (const h of handles.splice(0)) h.stop();
});

afterAll(async () => {
  ssh?.dispose();
  await sshd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const deps = (tailLines: number): SourceDeps => ({ ssh, kube: {} as KubeService, log, tailLines });
const lines = (prefix: string, from: number, to: number) => numbered(prefix, from, to).map((l) => `${l}\n`).join('');
const tails = (file: string) => execSync(`pgrep -f -- "[t]ail -c .* -F -- ${file}" || true`, { encoding: 'utf8' }).trim();

/** Append on the host, over SSH (a second exec on the same pooled connection). */
async function remoteAppend(file: string, text: string): Promise<void> {
  await ssh.withConnection('logs-1', undefined, (client) => execCommand(client, `printf '%s' '${text}' >> '${file}'`));
}

describe('ssh-file source', () => {
  it('tails, follows remote appends and rotation, and stop() kills the remote tail', async () => {
    const file = path.join(dir, "app's log.txt");
    writeFileSync(file, lines('a', 1, 30));
    const c = collect();
    const handle = startSource({ kind: 'ssh-file', hostId: 'logs-1', path: file }, deps(5), c.sink);
    handles.push(handle);
    expect(handle).toMatchObject({ id: `ssh:logs-1:${file}`, label: "logs-1:app's log.txt" });
    await c.waitFor('the tail', () => c.lines.length === 5);
    expect(c.texts()).toEqual(numbered('a', 26, 30));
    expect(c.states()).toEqual(['connecting', 'streaming']);

    await remoteAppend(file.replace(/'/g, `'\\''`), lines('a', 31, 33));
    await c.waitFor('the appended lines', () => c.lines.length === 8);

    renameSync(file, `${file}.1`);
    writeFileSync(file, lines('b', 1, 3));
    await c.waitFor('the new file', () => c.lines.length === 11);
    appendFileSync(file, lines('b', 4, 5));
    await c.waitFor('more of it', () => c.lines.length === 13);
    expect(c.texts()).toEqual([...numbered('a', 26, 33), ...numbered('b', 1, 5)]);

    expect(tails(file)).not.toBe('');
    handle.stop();
    await expect.poll(() => tails(file), { timeout: 8000 }).toBe('');
  });

  it('survives the host dying and coming back on the same port, losing and repeating nothing', async () => {
    const file = path.join(dir, 'crash.log');
    writeFileSync(file, lines('c', 1, 10));
    const c = collect();
    handles.push(startSource({ kind: 'ssh-file', hostId: 'logs-1', path: file }, deps(3), c.sink));
    await c.waitFor('the tail', () => c.lines.length === 3);
    appendFileSync(file, lines('c', 11, 20));
    await c.waitFor('the appends', () => c.lines.length === 13);

    await sshd.crash();
    await c.waitFor('retrying', () => c.states().includes('retrying'), 15_000);
    expect(c.statuses.find((s) => s.state === 'retrying')!.message).toMatch(/connection lost — retrying|retrying/);
    // Written while the host was away: read after the reconnect, from the offset reached.
    appendFileSync(file, lines('c', 21, 30));
    await sshd.restart();
    await c.waitFor('the lines written meanwhile', () => c.lines.length === 23, 40_000);
    appendFileSync(file, lines('c', 31, 35));
    await c.waitFor('the lines after', () => c.lines.length === 28);
    await sleep(500);
    expect(c.texts()).toEqual(numbered('c', 8, 35));
    expect(c.states().at(-1)).toBe('streaming');
  }, 90_000);

  it('waits for a missing file and reads it when it appears', async () => {
    const file = path.join(dir, 'later.log');
    const c = collect();
    handles.push(startSource({ kind: 'ssh-file', hostId: 'logs-1', path: file }, deps(100), c.sink));
    await c.waitFor('retrying', () => c.statuses.some((s) => s.state === 'retrying' && /no such file/.test(s.message ?? '')));
    writeFileSync(file, lines('n', 1, 4));
    await c.waitFor('the file', () => c.lines.length === 4);
    expect(c.texts()).toEqual(numbered('n', 1, 4));
    expect(c.states().at(-1)).toBe('streaming');
  });

  it('fails for a host that does not exist', async () => {
    const c = collect();
    handles.push(startSource({ kind: 'ssh-file', hostId: 'nope', path: '/x' }, deps(1), c.sink));
    await c.waitFor('failed', () => c.states().includes('failed'));
    expect(c.statuses.at(-1)!.message).toMatch(/no host nope/);
  });

  it('reads tail stderr for what it means', () => {
    expect(classifyTailMessage("tail: cannot open '/var/log/x' for reading: Permission denied").kind).toBe('denied');
    expect(classifyTailMessage("tail: cannot open '/x' for reading: No such file or directory").kind).toBe('missing');
    expect(classifyTailMessage("tail: '/x' has become inaccessible: No such file or directory").kind).toBe('missing');
    expect(classifyTailMessage("tail: '/x' has appeared;  following new file").kind).toBe('new-file');
    expect(classifyTailMessage("tail: '/x' has been replaced;  following new file").kind).toBe('new-file');
    expect(classifyTailMessage('tail: /x: file truncated').kind).toBe('truncated');
  });
});

describe('journald source', () => {
  it('turns journal JSON into syslog-like lines with the entry time', () => {
    const entry = parseJournalEntry(
      JSON.stringify({ __CURSOR: 's=abc;i=1', __REALTIME_TIMESTAMP: '1700000000123456', MESSAGE: 'started\nsecond line', SYSLOG_IDENTIFIER: 'nginx', _PID: '42', PRIORITY: '6' }),
    )!;
    expect(entry.cursor).toBe('s=abc;i=1');
    expect(entry.lines).toEqual([
      { text: 'nginx[42]: started', time: 1700000000123 },
      { text: 'second line', time: 1700000000123 },
    ]);
    const bytes = parseJournalEntry(JSON.stringify({ __REALTIME_TIMESTAMP: '1000', MESSAGE: [104, 105, 27, 91, 109], _COMM: 'app' }))!;
    expect(bytes.lines).toEqual([{ text: 'app: hi\x1b[m', time: 1 }]);
    expect(parseJournalEntry('not json')).toBeUndefined();
  });

  it('follows the host journal (empty here) without failing', async () => {
    const c = collect();
    const handle = startSource({ kind: 'journald', hostId: 'logs-1', unit: 'nginx.service' }, deps(10), c.sink);
    handles.push(handle);
    expect(handle).toMatchObject({ id: 'journald:logs-1:nginx.service', label: 'logs-1 nginx.service' });
    await c.waitFor('streaming', () => c.states().includes('streaming'));
    await sleep(1000);
    expect(c.states()).not.toContain('failed');
  });

  it('says when journalctl is not on the host', async () => {
    const c = collect();
    // The session's PATH comes from sshd; make journalctl unfindable with a host whose PATH has none.
    const bare = await startSshd({ name: 'no-journal', authorizedKeys: [keys.plain.publicKey], extraConfig: ['SetEnv PATH=/nonexistent'] });
    try {
      const knownHosts = path.join(dir, 'known_hosts_bare');
      writeFileSync(knownHosts, renderKnownHosts([bare]));
      const bareSsh = new SshService({
        secrets: memorySecrets(),
        log,
        settings: () => ({ configFiles: [], reconnectAttempts: 1, reconnectFirstDelayMs: 200 }),
        target: (hostId) => ({
          hostId,
          hop: { label: hostId, hostname: bare.host, port: bare.port, user: bare.user, identityFiles: [keys.plain.privateKeyPath], identitiesOnly: true, keepaliveIntervalMs: 2000, keepaliveCountMax: 2, connectTimeoutMs: 3000, forwardAgent: false, authMethods: ['publickey'], knownHostsFiles: [knownHosts], strictHostKeyChecking: 'yes', hashKnownHosts: false },
        }),
      });
      handles.push(startSource({ kind: 'journald', hostId: 'db-1' }, { ssh: bareSsh, kube: {} as KubeService, log, tailLines: 5 }, c.sink));
      await c.waitFor('failed', () => c.states().includes('failed'));
      expect(c.statuses.at(-1)).toMatchObject({ state: 'failed', message: 'journalctl not found on db-1', label: 'db-1 journald' });
      bareSsh.dispose();
    } finally {
      await bare.stop();
    }
  });
});
