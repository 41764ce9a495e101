// SSH against real OpenSSH servers (e2e/fixtures/ssh): the Workbench in
// process, driven over the real protocol, with its own ~/.ssh.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateClientKeys, type ClientKeys } from '../../../e2e/fixtures/ssh/keys';
import { renderKnownHosts, writeSshConfig, type SshConfigEntry } from '../../../e2e/fixtures/ssh/fleet';
import { startNetnsTopology, netnsUnavailable } from '../../../e2e/fixtures/ssh/netns';
import { startPasswordServer, type PasswordServer } from '../../../e2e/fixtures/ssh/password-server';
import { startSshd, type SshdHost } from '../../../e2e/fixtures/ssh/sshd';
import { openSsh, startHarness, type Harness } from './test/harness';
import type { TransferEvent } from '../../../shared/contract/files';
import type { WorkbenchErrorData } from '../../../shared/contract/errors';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';

const user = os.userInfo().username;
let keys: ClientKeys;
let keyDir: string;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  keyDir = mkdtempSync(path.join(os.tmpdir(), 'wb-ssh-keys-'));
  keys = await generateClientKeys(keyDir, 'open sesame');
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => {});

async function host(name: string, options: Parameters<typeof startSshd>[0] = {}): Promise<SshdHost> {
  const sshd = await startSshd({ name, authorizedKeys: [keys.plain.publicKey, keys.encrypted.publicKey], ...options });
  cleanups.push(() => sshd.stop());
  return sshd;
}

function harness(settings?: Parameters<typeof startHarness>[0]): Harness {
  const h = startHarness(settings);
  cleanups.push(() => h.close());
  return h;
}

/** ~/.ssh/config and known_hosts for these hosts, as a user would have them. */
function writeConfig(h: Harness, entries: SshConfigEntry[], knownHosts: Array<{ host: string; port: number; hostPublicKeys: readonly string[] }>, strict: 'yes' | 'ask' = 'ask', extra = '') {
  const knownHostsFile = path.join(h.sshDir, 'known_hosts');
  writeFileSync(knownHostsFile, renderKnownHosts(knownHosts));
  return writeSshConfig(path.join(h.sshDir, 'config'), entries, { user, knownHostsFile, identityFile: keys.plain.privateKeyPath, strictHostKeyChecking: strict }).then(() => {
    if (extra) writeFileSync(path.join(h.sshDir, 'config'), `${readFileSync(path.join(h.sshDir, 'config'), 'utf8')}\n${extra}\n`);
    h.workbench.hosts.reload();
  });
}

const sha256 = (file: string) => new Promise<string>((resolve, reject) => {
  const hash = createHash('sha256');
  createReadStream(file).on('data', (c) => hash.update(c)).on('end', () => resolve(hash.digest('hex'))).on('error', reject);
});

describe('SSH terminals', () => {
  it('connects to a host from ~/.ssh/config and runs a command', async () => {
    const web = await host('web-1');
    const h = harness();
    await writeConfig(h, [{ name: 'web-1', host: web.host, port: web.port }], [web]);
    const list = await h.api.hosts.list({});
    expect(list.hosts.map((x) => x.id)).toEqual(['web-1']);
    const t = await openSsh(h, 'web-1');
    await t.waitForState('connected');
    t.type('echo "host=$WB_HOST sum=$((20+22))"\r');
    await t.waitFor(/host=web-1 sum=42/);
    expect(h.prompts).toEqual([]);
  });

  it('asks about an unknown host key with its SHA256 fingerprint, and remembers the accepted key', async () => {
    const web = await host('web-2');
    const h = harness();
    await writeConfig(h, [{ name: 'web-2', host: web.host, port: web.port }], []);
    const t = await openSsh(h, 'web-2');
    const prompt = await h.nextPrompt();
    expect(prompt).toMatchObject({ kind: 'host-key', keyType: 'ssh-ed25519', fingerprint: web.hostKeyFingerprints[0] });
    await h.api.ssh.answer({ id: prompt.id, answer: { accept: true } });
    await t.waitForState('connected');
    const knownHosts = readFileSync(path.join(h.sshDir, 'known_hosts'), 'utf8');
    expect(knownHosts).toContain(`[127.0.0.1]:${web.port} ssh-ed25519`);
    // A second connection, after the first is gone, does not ask again.
    await h.api.terminals.close({ id: t.id });
    h.workbench.ssh.pool.disconnect('web-2');
    const again = await openSsh(h, 'web-2');
    await again.waitForState('connected');
    expect(h.prompts).toHaveLength(1);
  });

  it('does not connect when the user rejects an unknown host key', async () => {
    const web = await host('web-3');
    const h = harness();
    await writeConfig(h, [{ name: 'web-3', host: web.host, port: web.port }], []);
    const t = await openSsh(h, 'web-3');
    const prompt = await h.nextPrompt();
    await h.api.ssh.answer({ id: prompt.id, answer: { accept: false } });
    const failed = await t.waitForState('failed');
    expect(failed.reason).toMatch(/was not accepted/);
    expect(readFileSync(path.join(h.sshDir, 'known_hosts'), 'utf8')).toBe('');
  });

  it('refuses a changed host key as clearly as OpenSSH, without asking', async () => {
    const web = await host('web-4');
    const h = harness();
    await writeConfig(h, [{ name: 'web-4', host: web.host, port: web.port }], [web]);
    await web.restart({ newHostKey: true });
    const t = await openSsh(h, 'web-4');
    const failed = await t.waitForState('failed');
    expect(failed.reason).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED/);
    expect(failed.reason).toContain(web.hostKeyFingerprints[0]);
    expect(failed.reason).toMatch(/known_hosts line 1/);
    expect(h.prompts).toEqual([]);
  });

  it('reaches a host that only the bastion can reach, through ProxyJump', async () => {
    const unavailable = netnsUnavailable();
    if (unavailable) throw new Error(`network namespaces are needed for this test: ${unavailable}`);
    const topology = await startNetnsTopology({ authorizedKeys: [keys.plain.publicKey] });
    cleanups.push(() => topology.stop());
    const h = harness();
    await writeConfig(
      h,
      [
        { name: 'bastion', host: topology.bastion.host, port: topology.bastion.port },
        { name: 'private', host: topology.target.hostFromBastion, port: topology.target.port, proxyJump: 'bastion' },
        { name: 'private-direct', host: topology.target.hostFromBastion, port: topology.target.port },
      ],
      [
        { host: topology.bastion.host, port: topology.bastion.port, hostPublicKeys: topology.bastion.hostPublicKeys },
        { host: topology.target.hostFromBastion, port: topology.target.port, hostPublicKeys: topology.target.hostPublicKeys },
      ],
    );
    const t = await openSsh(h, 'private');
    await t.waitForState('connected');
    t.type('echo "on=$WB_HOST"\r');
    await t.waitFor(new RegExp(`on=${topology.target.sshd.name}`));
    // The same host, without the jump: refused, since it is not reachable from here.
    const direct = await openSsh(h, 'private-direct');
    expect((await direct.waitForState('failed')).reason).toMatch(/refused/);
  });

  it('goes through two jump hosts (ProxyJump a,b), each hop checked and pooled', async () => {
    const unavailable = netnsUnavailable();
    if (unavailable) throw new Error(`network namespaces are needed for this test: ${unavailable}`);
    const topology = await startNetnsTopology({ authorizedKeys: [keys.plain.publicKey] });
    cleanups.push(() => topology.stop());
    const first = await host('hop-1');
    const h = harness();
    await writeConfig(
      h,
      [
        { name: 'hop-1', host: first.host, port: first.port },
        { name: 'bastion', host: topology.bastion.host, port: topology.bastion.port },
        { name: 'deep', host: topology.target.hostFromBastion, port: topology.target.port, proxyJump: 'hop-1,bastion' },
      ],
      [
        first,
        { host: topology.bastion.host, port: topology.bastion.port, hostPublicKeys: topology.bastion.hostPublicKeys },
        { host: topology.target.hostFromBastion, port: topology.target.port, hostPublicKeys: topology.target.hostPublicKeys },
      ],
    );
    const t = await openSsh(h, 'deep');
    await t.waitForState('connected');
    t.type('echo "deep=$WB_HOST"\r');
    await t.waitFor(new RegExp(`deep=${topology.target.sshd.name}`));
    // Three pooled connections: the target through the bastion through hop-1.
    const targets = h.workbench.ssh.pool.states().map((s) => s.target);
    expect(targets).toEqual(expect.arrayContaining([expect.stringMatching(/^\S+@127\.0\.0\.2:\d+ via \S+@127\.0\.0\.1:\d+ via \S+@127\.0\.0\.1:\d+$/)]));
    expect(h.workbench.ssh.pool.size).toBe(3);
  });

  it('shows a lost connection, reconnects with backoff, and is back when the host is', async () => {
    const web = await host('web-5');
    const h = harness({ reconnectAttempts: 10, reconnectFirstDelayMs: 200 });
    await writeConfig(h, [{ name: 'web-5', host: web.host, port: web.port }], [web]);
    const t = await openSsh(h, 'web-5');
    await t.waitForState('connected');
    await web.crash();
    await t.waitForState('lost');
    const retrying = await t.waitForState('reconnecting');
    expect(retrying.attempt).toBeGreaterThanOrEqual(1);
    await web.restart();
    await t.waitFor(/reconnected to/);
    t.type('echo "back=$((1+1))"\r');
    await t.waitFor(/back=2/);
    const states = t.states();
    expect(states.indexOf('lost')).toBeLessThan(states.lastIndexOf('connected'));
  });

  it('gives up after the configured attempts when the host does not come back', async () => {
    const web = await host('web-6');
    const h = harness({ reconnectAttempts: 2, reconnectFirstDelayMs: 100 });
    await writeConfig(h, [{ name: 'web-6', host: web.host, port: web.port }], [web]);
    const t = await openSsh(h, 'web-6');
    await t.waitForState('connected');
    await web.crash();
    const failed = await t.waitForState('failed', 10_000);
    expect(failed.reason).toMatch(/gave up after 2 attempts/);
    // And the user can still close it: nothing hangs.
    await expect(h.api.terminals.close({ id: t.id })).resolves.toEqual({ closed: true });
  });

  it('says which failure it was: refused, DNS, timeout', async () => {
    const web = await host('web-7');
    const h = harness();
    await writeConfig(
      h,
      [
        { name: 'closed-port', host: '127.0.0.1', port: 1 },
        { name: 'no-such-name', host: 'no-such-host.invalid', port: 22 },
        { name: 'hung', host: web.host, port: web.port, extra: ['ConnectTimeout 1'] },
      ],
      [web],
    );
    await web.freeze();
    cleanups.push(() => web.thaw());
    const refused = await openSsh(h, 'closed-port');
    expect((await refused.waitForState('failed')).reason).toMatch(/refused/);
    const dns = await openSsh(h, 'no-such-name');
    expect((await dns.waitForState('failed')).reason).toMatch(/could not be resolved \(DNS/);
    const hung = await openSsh(h, 'hung');
    expect((await hung.waitForState('failed', 10_000)).reason).toMatch(/no answer within 1 s/);
  });

  it('asks for the passphrase of an encrypted key and can remember it, sealed', async () => {
    const web = await host('web-8');
    const h = harness();
    await writeConfig(h, [{ name: 'web-8', host: web.host, port: web.port, identityFile: keys.encrypted.privateKeyPath }], [web]);
    const t = await openSsh(h, 'web-8');
    const wrong = await h.nextPrompt();
    expect(wrong).toMatchObject({ kind: 'passphrase', target: keys.encrypted.privateKeyPath });
    await h.api.ssh.answer({ id: wrong.id, answer: { values: ['not it'] } });
    const retry = await h.nextPrompt();
    expect(retry).toMatchObject({ kind: 'passphrase', retry: expect.stringMatching(/wrong passphrase/) });
    await h.api.ssh.answer({ id: retry.id, answer: { values: ['open sesame'], remember: true } });
    await t.waitForState('connected');
    const stored = readFileSync(path.join(h.dataDir, 'secrets.json'), 'utf8');
    expect(stored).not.toContain('open sesame');
    expect(h.workbench.secrets.get(`ssh-passphrase:${keys.encrypted.privateKeyPath}`)).toBe('open sesame');
  });
});

describe('password and keyboard-interactive hosts', () => {
  let server: PasswordServer;
  beforeAll(async () => {
    server = await startPasswordServer({ password: 'hunter2', username: user });
  });
  afterAll(() => server.stop());

  it('says a wrong password is wrong, asks again, and lists the methods tried when it gives up', async () => {
    // Three wrong answers, as OpenSSH allows, then the failure names what was tried.
    const h = harness();
    await writeConfig(h, [{ name: 'pw', host: server.host, port: server.port, identityFile: false, extra: ['PreferredAuthentications password'] }], [{ host: server.host, port: server.port, hostPublicKeys: [server.hostPublicKey] }]);
    const failuresBefore = server.attempts.filter((a) => a.method === 'password' && !a.ok).length;
    const t = await openSsh(h, 'pw');
    const first = await h.nextPrompt();
    expect(first).toMatchObject({ kind: 'password' });
    await h.api.ssh.answer({ id: first.id, answer: { values: ['wrong'] } });
    const second = await h.nextPrompt();
    expect(second).toMatchObject({ kind: 'password', retry: expect.stringMatching(/wrong password/) });
    await h.api.ssh.answer({ id: second.id, answer: { values: ['still wrong'] } });
    const third = await h.nextPrompt();
    await h.api.ssh.answer({ id: third.id, answer: { values: ['wrong again'] } });
    const failed = await t.waitForState('failed');
    expect(failed.reason).toMatch(/authentication failed for .*; tried: password/);
    expect(server.attempts.filter((a) => a.method === 'password' && !a.ok).length - failuresBefore).toBe(3);
  });

  it('stops asking when the user cancels, and says so', async () => {
    const h = harness();
    await writeConfig(h, [{ name: 'pw3', host: server.host, port: server.port, identityFile: false, extra: ['PreferredAuthentications password'] }], [{ host: server.host, port: server.port, hostPublicKeys: [server.hostPublicKey] }]);
    const t = await openSsh(h, 'pw3');
    const prompt = await h.nextPrompt();
    await h.api.ssh.answer({ id: prompt.id, answer: { cancel: true } });
    expect((await t.waitForState('failed')).reason).toMatch(/authentication cancelled/);
    expect(h.prompts).toHaveLength(1);
  });

  it('logs in with the password and remembers it when asked', async () => {
    const h = harness();
    await writeConfig(h, [{ name: 'pw2', host: server.host, port: server.port, identityFile: false, extra: ['PreferredAuthentications password'] }], [{ host: server.host, port: server.port, hostPublicKeys: [server.hostPublicKey] }]);
    const t = await openSsh(h, 'pw2');
    const prompt = await h.nextPrompt();
    await h.api.ssh.answer({ id: prompt.id, answer: { values: ['hunter2'], remember: true } });
    await t.waitForState('connected');
    t.type('echo pw-$((3*3))\r');
    await t.waitFor(/pw-9/);
    expect(readFileSync(path.join(h.dataDir, 'secrets.json'), 'utf8')).not.toContain('hunter2');
    // Remembered: the next connection does not ask.
    h.workbench.ssh.pool.disconnect('pw2');
    const again = await openSsh(h, 'pw2');
    await again.waitForState('connected');
    expect(h.prompts).toHaveLength(1);
  });

  it('answers keyboard-interactive prompts in the UI', async () => {
    const kbd = await startPasswordServer({
      password: 'hunter2',
      username: user,
      methods: ['keyboard-interactive'],
      promptRounds: 'together',
      prompts: [{ prompt: 'Password: ', answer: 'hunter2' }, { prompt: 'Verification code: ', echo: true, answer: '123456' }],
    });
    cleanups.push(() => kbd.stop());
    const h = harness();
    await writeConfig(h, [{ name: 'kbd', host: kbd.host, port: kbd.port, identityFile: false }], [{ host: kbd.host, port: kbd.port, hostPublicKeys: [kbd.hostPublicKey] }]);
    const t = await openSsh(h, 'kbd');
    const prompt = await h.nextPrompt();
    expect(prompt).toMatchObject({ kind: 'keyboard-interactive', prompts: [{ prompt: 'Password: ', echo: false }, { prompt: 'Verification code: ', echo: true }] });
    await h.api.ssh.answer({ id: prompt.id, answer: { values: ['hunter2', '123456'] } });
    await t.waitForState('connected');
  });
});

describe('SFTP and forwards', () => {
  it('uploads and downloads 50 MB with an identical checksum, reporting progress', async () => {
    const web = await host('files-1');
    const h = harness();
    await writeConfig(h, [{ name: 'files-1', host: web.host, port: web.port }], [web]);
    const local = path.join(h.home, 'big.bin');
    const block = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < block.length; i++) block[i] = (i * 7 + 13) % 256;
    writeFileSync(local, Buffer.concat(Array.from({ length: 50 }, (_, i) => (block[0] = i, Buffer.from(block)))));
    const remote = path.join(h.home, 'uploaded.bin');
    const back = path.join(h.home, 'downloaded.bin');
    const run = (params: { direction: 'upload' | 'download'; localPath: string; remotePath: string }) =>
      new Promise<{ events: TransferEvent[]; error: WorkbenchErrorData | undefined }>((resolve) => {
        const events: TransferEvent[] = [];
        h.api.sftp.transfer({ hostId: 'files-1', ...params }, { onEvent: (e) => events.push(e), onEnd: (error) => resolve({ events, error }) });
      });
    const up = await run({ direction: 'upload', localPath: local, remotePath: remote });
    expect(up.error).toBeUndefined();
    expect(up.events.at(-1)).toMatchObject({ type: 'done', bytes: 50 * 1024 * 1024 });
    expect(up.events.filter((e) => e.type === 'progress').length).toBeGreaterThan(1);
    const down = await run({ direction: 'download', localPath: back, remotePath: remote });
    expect(down.error).toBeUndefined();
    expect(await sha256(back)).toBe(await sha256(local));
    // Listing shows it; a second upload without overwrite is refused by name.
    const listing = await h.api.sftp.list({ hostId: 'files-1', path: h.home });
    expect(listing.entries.find((e) => e.name === 'uploaded.bin')).toMatchObject({ kind: 'file', size: 50 * 1024 * 1024 });
    const again = await run({ direction: 'upload', localPath: local, remotePath: remote });
    expect(again.error).toMatchObject({ code: 'conflict', message: expect.stringContaining(remote) });
  }, 120_000);

  it('cancels a transfer part-way and leaves no partial file behind', async () => {
    const web = await host('files-cancel');
    const h = harness();
    await writeConfig(h, [{ name: 'files-cancel', host: web.host, port: web.port }], [web]);
    const local = path.join(h.home, 'large.bin');
    writeFileSync(local, Buffer.alloc(200 * 1024 * 1024, 1));
    const remote = path.join(h.home, 'never.bin');
    const outcome = await new Promise<{ progressed: number; error: WorkbenchErrorData | undefined }>((resolve) => {
      let progressed = 0;
      const sub = h.api.sftp.transfer(
        { hostId: 'files-cancel', direction: 'upload', localPath: local, remotePath: remote },
        {
          onEvent: (e) => {
            if (e.type === 'progress' && e.bytes > 0 && !progressed) {
              progressed = e.bytes;
              sub.close();
              setTimeout(() => resolve({ progressed, error: undefined }), 1500);
            }
          },
          onEnd: (error) => resolve({ progressed, error }),
        },
      );
    });
    expect(outcome.progressed).toBeGreaterThan(0);
    expect(outcome.progressed).toBeLessThan(200 * 1024 * 1024);
    const listing = await h.api.sftp.list({ hostId: 'files-cancel', path: h.home });
    expect(listing.entries.map((e) => e.name)).not.toContain('never.bin');
    expect(listing.entries.map((e) => e.name)).not.toContain('never.bin.part');
  });

  it('reports a permission error for the file it happened to', async () => {
    const readOnly = await host('files-ro', { extraConfig: ['Subsystem sftp internal-sftp -R'] });
    const h = harness();
    await writeConfig(h, [{ name: 'files-ro', host: readOnly.host, port: readOnly.port }], [readOnly]);
    const local = path.join(h.home, 'small.txt');
    writeFileSync(local, 'hello');
    const error = await new Promise<WorkbenchErrorData | undefined>((resolve) => {
      h.api.sftp.transfer({ hostId: 'files-ro', direction: 'upload', localPath: local, remotePath: '/tmp/wb-denied.txt' }, { onEvent: () => {}, onEnd: resolve });
    });
    expect(error).toMatchObject({ code: 'permission-denied', message: expect.stringContaining('/tmp/wb-denied.txt') });
  });

  it('carries an HTTP request through a local forward, and proxies through a SOCKS forward', async () => {
    const web = await host('fwd-1');
    const h = harness();
    await writeConfig(h, [{ name: 'fwd-1', host: web.host, port: web.port }], [web]);
    const server = http.createServer((req, res) => res.end(`hello from ${req.url}`));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const target = (server.address() as { port: number }).port;

    const local = await h.api.forwards.start({ kind: 'local', hostId: 'fwd-1', bindPort: 0, destHost: '127.0.0.1', destPort: target });
    expect(local).toMatchObject({ state: 'listening', bindAddress: '127.0.0.1' });
    const body = await new Promise<string>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: local.bindPort, path: '/through-ssh' }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(body).toBe('hello from /through-ssh');
    expect((await h.api.forwards.list({})).forwards.find((f) => f.id === local.id)?.total).toBe(1);

    const socks = await h.api.forwards.start({ kind: 'dynamic', hostId: 'fwd-1', bindPort: 0 });
    const curl = await new Promise<string>((resolve, reject) => {
      const child = spawn('curl', ['-s', '--max-time', '10', '--socks5-hostname', `127.0.0.1:${socks.bindPort}`, `http://localhost:${target}/via-socks`]);
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    expect(curl).toBe('hello from /via-socks');
    await h.api.forwards.stop({ id: local.id });
    await h.api.forwards.stop({ id: socks.id });
    expect((await h.api.forwards.list({})).forwards).toEqual([]);

    // A port that is taken says so.
    const taken = await h.api.forwards.start({ kind: 'local', hostId: 'fwd-1', bindPort: target, destHost: '127.0.0.1', destPort: target });
    expect(taken).toMatchObject({ state: 'failed', error: expect.stringMatching(/already in use/) });
  });
});
