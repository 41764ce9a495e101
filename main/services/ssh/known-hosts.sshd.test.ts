// checkHostKey's verdicts against the real thing: a throwaway sshd on
// 127.0.0.1 with one ed25519 host key, and the OpenSSH client connecting to it
// with StrictHostKeyChecking=yes and a known_hosts file we wrote. The client
// says known (it reaches authentication), unknown, changed (with the
// offending file:line) or revoked; we must say the same.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendKnownHost, checkHostKey, loadKnownHosts } from './known-hosts';

const SSHD = '/usr/sbin/sshd';

/** sshd refuses to start without its privilege separation directory, which a container may lack. */
function privsepDirReady(): boolean {
  if (existsSync('/run/sshd')) return true;
  try {
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    return true;
  } catch {
    return false;
  }
}

const canRun = existsSync(SSHD) && spawnSync('ssh', ['-V']).status === 0 && privsepDirReady();

type Key = { type: string; base64: string };
let dir: string;
let port: number;
let sshd: ChildProcess | undefined;
const keys: Record<'server' | 'other' | 'rsa', Key> = {} as never;

function makeKey(name: string, type: string): Key {
  const file = path.join(dir, name);
  const result = spawnSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-f', file]);
  expect(result.status).toBe(0);
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
  return { type: keyType!, base64: base64! };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return free;
}

/** What the OpenSSH client decides about our sshd's key, given this known_hosts file. */
function clientVerdict(knownHosts: string) {
  const result = spawnSync(
    'ssh',
    [
      '-F', '/dev/null',
      '-o', 'BatchMode=yes',
      '-o', 'StrictHostKeyChecking=yes',
      '-o', `UserKnownHostsFile=${knownHosts}`,
      '-o', 'GlobalKnownHostsFile=/dev/null',
      '-o', 'IdentitiesOnly=yes',
      '-o', `IdentityFile=${path.join(dir, 'no-such-key')}`,
      '-o', 'ConnectTimeout=5',
      '-p', String(port),
      'nobody@127.0.0.1',
      'true',
    ],
    { encoding: 'utf8', env: { ...process.env, HOME: dir }, timeout: 20_000 },
  );
  const out = result.stderr;
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(out)) {
    const offending = /Offending (\w+) key in (.+):(\d+)/.exec(out);
    return { status: 'changed', file: offending?.[2], line: Number(offending?.[3]), knownKeyType: offending?.[1] };
  }
  if (/REVOKED HOST KEY DETECTED/.test(out)) return { status: 'revoked' };
  if (/No \w+ host key is known for/.test(out)) return { status: 'unknown' };
  if (/Permission denied/.test(out)) return { status: 'known' };
  throw new Error(`unexpected ssh output: ${out}`);
}

/** OpenSSH names key types in its warnings by their short name. */
const SHORT_NAMES: Record<string, string> = { 'ssh-ed25519': 'ED25519', 'ssh-rsa': 'RSA' };

function ourVerdict(knownHosts: string) {
  const result = checkHostKey(loadKnownHosts([knownHosts]).entries, '127.0.0.1', port, keys.server.type, keys.server.base64);
  if (result.status === 'changed') return { status: 'changed', file: result.file, line: result.line, knownKeyType: SHORT_NAMES[result.knownKeyType] };
  return { status: result.status };
}

describe.skipIf(!canRun)('host key verdicts match the OpenSSH client against a real sshd (needs sshd and ssh)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wb-known-hosts-sshd-'));
    keys.server = makeKey('server_ed25519', 'ed25519');
    keys.other = makeKey('other_ed25519', 'ed25519');
    keys.rsa = makeKey('other_rsa', 'rsa');
    port = await freePort();
    const config = path.join(dir, 'sshd_config');
    writeFileSync(
      config,
      [`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${path.join(dir, 'server_ed25519')}`, `PidFile ${path.join(dir, 'sshd.pid')}`, 'UsePAM no', ''].join('\n'),
    );
    const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    sshd = child;
    await new Promise<void>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`sshd did not start: ${log}`)), 10_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('Server listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`sshd exited with ${code}: ${log}`)));
    });
  });

  afterAll(async () => {
    // Wait for sshd to exit: it removes its pid file from `dir` on the way out.
    if (sshd && sshd.exitCode === null) {
      const exited = new Promise((resolve) => sshd!.once('exit', resolve));
      sshd.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('known, unknown, changed (any key type, last offender), revoked, CA lines, patterns, hashed names', () => {
    const name = () => `[127.0.0.1]:${port}`;
    const entry = (hosts: string, key: Key, marker = '') => `${marker}${hosts} ${key.type} ${key.base64}`;
    const scenarios: Record<string, string[]> = {
      'the key itself': [entry(name(), keys.server)],
      'an empty file': [],
      'only an RSA key': [entry(name(), keys.rsa)],
      'another ed25519 key': [entry(name(), keys.other)],
      'RSA then another ed25519': [entry(name(), keys.rsa), entry(name(), keys.other)],
      'another ed25519 then RSA': [entry(name(), keys.other), entry(name(), keys.rsa)],
      'RSA then the key': [entry(name(), keys.rsa), entry(name(), keys.server)],
      'the key, revoked for *': [entry('*', keys.server, '@revoked '), entry(name(), keys.server)],
      'the key, revoked for another host': [entry('other.example', keys.server, '@revoked '), entry(name(), keys.server)],
      'the key as a CA only': [entry('*', keys.server, '@cert-authority ')],
      'a wildcard with an unrelated negation': [entry(`[127.0.0.*]:${port},!10.0.0.1`, keys.server)],
      'a wildcard with this host negated': [entry(`[127.0.0.*]:${port},!${name()}`, keys.server)],
      'the key for the bare host name (port 22)': [entry('127.0.0.1', keys.server)],
      'another key for the bare host name': [entry('127.0.0.1', keys.other)],
      'the key for the bare name, another for host:port': [entry('127.0.0.1', keys.server), entry(name(), keys.other)],
      'another key behind a comment and a bad line': ['# comment', 'garbage-line', entry(name(), keys.other)],
    };
    for (const [label, lines] of Object.entries(scenarios)) {
      const file = path.join(dir, `known_hosts_${label.replace(/\W+/g, '_')}`);
      writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
      expect({ label, ...ourVerdict(file) }).toEqual({ label, ...clientVerdict(file) });
    }

    const hashed = path.join(dir, 'known_hosts_hashed');
    appendKnownHost(hashed, '127.0.0.1', port, keys.server.type, keys.server.base64, { hash: true });
    expect(ourVerdict(hashed)).toEqual({ status: 'known' });
    expect(clientVerdict(hashed)).toEqual({ status: 'known' });
  });
});
