import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendKnownHost, checkHostKey, fingerprintSha256, hashHostName, knownHostsName, loadKnownHosts, parseKnownHosts } from './known-hosts';

const hasKeygen = spawnSync('ssh-keygen', ['-?']).error === undefined;

let dir: string;
/** Real host keys made by ssh-keygen: [type, base64]. */
const keys: Record<'ed25519' | 'ed25519b' | 'rsa', { type: string; base64: string; pub: string }> = {} as never;

function keygen(...args: string[]) {
  const result = spawnSync('ssh-keygen', args, { encoding: 'utf8', env: { ...process.env, HOME: dir } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wb-known-hosts-'));
  if (!hasKeygen) return;
  for (const [name, type] of [['ed25519', 'ed25519'], ['ed25519b', 'ed25519'], ['rsa', 'rsa']] as const) {
    const file = path.join(dir, `host_${name}`);
    expect(keygen('-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-C', `test ${name}`, '-f', file).status).toBe(0);
    const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
    keys[name] = { type: keyType!, base64: base64!, pub: `${file}.pub` };
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, lines: string[]) => {
  const target = path.join(dir, name);
  writeFileSync(target, lines.join('\n') + '\n');
  return target;
};

describe('parsing (no tools needed)', () => {
  // A syntactically valid ed25519 blob: "ssh-ed25519" and 32 zero bytes.
  const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), Buffer.alloc(32)]).toString('base64');

  it('reads markers, pattern lists, hashed names and comments; blank and comment lines are skipped', () => {
    const hashed = hashHostName('[10.0.0.1]:2222', Buffer.alloc(20, 7));
    const text = [
      '# comment',
      '',
      `  web.example,10.0.0.5 ssh-ed25519 ${blob} a comment here`,
      `@cert-authority *.example ssh-ed25519 ${blob}`,
      `@revoked * ssh-ed25519 ${blob}`,
      `${hashed}\tssh-ed25519\t${blob}`,
    ].join('\r\n');
    const { entries, problems } = parseKnownHosts('/k', text);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.line, e.marker, e.hosts, e.keyType, e.comment, Boolean(e.hashed)])).toEqual([
      [3, undefined, 'web.example,10.0.0.5', 'ssh-ed25519', 'a comment here', false],
      [4, 'cert-authority', '*.example', 'ssh-ed25519', undefined, false],
      [5, 'revoked', '*', 'ssh-ed25519', undefined, false],
      [6, undefined, hashed, 'ssh-ed25519', undefined, true],
    ]);
  });

  it('reports each malformed line with file and line, and keeps the rest', () => {
    const text = [
      `@bogus host ssh-ed25519 ${blob}`,
      'lonely-host',
      'host ssh-foo AAAA',
      'host ssh-ed25519',
      'host ssh-ed25519 not*base64',
      `host ssh-rsa ${blob}`,
      `|1|c2hvcnQ=|aGFzaA== ssh-ed25519 ${blob}`,
      `good ssh-ed25519 ${blob}`,
    ].join('\n');
    const { entries, problems } = parseKnownHosts('/k', text);
    expect(entries.map((e) => e.hosts)).toEqual(['good']);
    expect(problems.map((p) => [p.file, p.line, p.severity])).toEqual([1, 2, 3, 4, 5, 6, 7].map((line) => ['/k', line, 'error']));
    expect(problems.map((p) => p.message)).toEqual([
      'Unknown marker “@bogus”: only @cert-authority and @revoked exist. This line is skipped.',
      'The entry for “lonely-host” has no key. This line is skipped.',
      'Unknown key type “ssh-foo”. This line is skipped.',
      'The ssh-ed25519 entry for “host” has no key data. This line is skipped.',
      'The ssh-ed25519 key of “host” is not a valid base64 key. This line is skipped.',
      'The key type field says ssh-rsa but the key of “host” is ssh-ed25519. This line is skipped.',
      expect.stringContaining('The hashed host name “|1|c2hvcnQ=|aGFzaA==” is malformed'),
    ]);
  });

  it('loadKnownHosts ignores missing files and remembers file and line', () => {
    const a = file('a_hosts', ['# a', `web ssh-ed25519 ${blob}`]);
    const { entries, problems } = loadKnownHosts([path.join(dir, 'missing'), a]);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.file, e.line])).toEqual([[a, 2]]);
  });

  it('the lookup name is host on port 22 and [host]:port otherwise, lowercased', () => {
    expect(knownHostsName('Web.Example', 22)).toBe('web.example');
    expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });
});

describe.skipIf(!hasKeygen)('against ssh-keygen (needs the OpenSSH client tools)', () => {
  it('fingerprints exactly like `ssh-keygen -lf`', () => {
    for (const key of Object.values(keys)) {
      const printed = keygen('-l', '-E', 'sha256', '-f', key.pub).stdout.split(' ')[1];
      expect(fingerprintSha256(key.base64)).toBe(printed);
    }
  });

  it('entries appended plain and hashed are found by `ssh-keygen -F`, only for their host and port', () => {
    const target = path.join(dir, 'new', 'ssh', 'known_hosts');
    appendKnownHost(target, '127.0.0.1', 2222, keys.ed25519.type, keys.ed25519.base64, { hash: false });
    appendKnownHost(target, 'Build.Example.COM', 22, keys.rsa.type, keys.rsa.base64, { hash: true });
    appendKnownHost(target, '::1', 2200, keys.ed25519b.type, keys.ed25519b.base64, { hash: true });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(target)).mode & 0o777).toBe(0o700);
    const lines = readFileSync(target, 'utf8').split('\n');
    expect(lines[0]).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${keys.ed25519.base64}`);
    expect(lines[1]).toMatch(/^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}= ssh-rsa /);

    const found = (name: string) => {
      const result = keygen('-F', name, '-f', target);
      return result.status === 0 ? (/found: line (\d+)/.exec(result.stdout)?.[1] ?? 'found') : 'not found';
    };
    expect(found('[127.0.0.1]:2222')).toBe('1');
    expect(found('build.example.com')).toBe('2');
    expect(found('[::1]:2200')).toBe('3');
    expect(found('127.0.0.1')).toBe('not found');
    expect(found('[127.0.0.1]:2223')).toBe('not found');

    const { entries, problems } = loadKnownHosts([target]);
    expect(problems).toEqual([]);
    expect(checkHostKey(entries, '127.0.0.1', 2222, keys.ed25519.type, keys.ed25519.base64)).toEqual({ status: 'known' });
    expect(checkHostKey(entries, 'build.example.com', 22, keys.rsa.type, keys.rsa.base64)).toEqual({ status: 'known' });
    expect(checkHostKey(entries, '::1', 2200, keys.ed25519b.type, keys.ed25519b.base64)).toEqual({ status: 'known' });
  });

  it('appending to a file without a final newline starts a new line', () => {
    const target = path.join(dir, 'no_newline');
    writeFileSync(target, `old.example ${keys.rsa.type} ${keys.rsa.base64}`);
    appendKnownHost(target, 'new.example', 22, keys.ed25519.type, keys.ed25519.base64, { hash: false });
    expect(readFileSync(target, 'utf8').split('\n')).toEqual([`old.example ssh-rsa ${keys.rsa.base64}`, `new.example ssh-ed25519 ${keys.ed25519.base64}`, '']);
    expect(keygen('-F', 'old.example', '-f', target).status).toBe(0);
    expect(keygen('-F', 'new.example', '-f', target).status).toBe(0);
  });

  it('still matches every host after `ssh-keygen -H` hashed the file', () => {
    const target = file('to_hash', [
      `web.example,10.0.0.5 ${keys.ed25519.type} ${keys.ed25519.base64}`,
      `[db.example]:2222 ${keys.rsa.type} ${keys.rsa.base64}`,
      `other.example ${keys.ed25519b.type} ${keys.ed25519b.base64}`,
    ]);
    const before = loadKnownHosts([target]).entries;
    expect(keygen('-H', '-f', target).status).toBe(0);
    const after = loadKnownHosts([target]);
    expect(after.problems).toEqual([]);
    expect(after.entries.length).toBe(4);
    expect(after.entries.every((e) => e.hashed)).toBe(true);
    const verdicts = (entries: typeof before) => [
      checkHostKey(entries, 'web.example', 22, keys.ed25519.type, keys.ed25519.base64).status,
      checkHostKey(entries, '10.0.0.5', 22, keys.ed25519.type, keys.ed25519.base64).status,
      checkHostKey(entries, 'DB.example', 2222, keys.rsa.type, keys.rsa.base64).status,
      checkHostKey(entries, 'db.example', 22, keys.rsa.type, keys.rsa.base64).status,
      checkHostKey(entries, 'other.example', 22, keys.ed25519.type, keys.ed25519.base64).status,
    ];
    expect(verdicts(after.entries)).toEqual(['known', 'known', 'known', 'unknown', 'changed']);
    expect(verdicts(after.entries)).toEqual(verdicts(before));
  });
});

describe.skipIf(!hasKeygen)('verdicts', () => {
  const host = '[127.0.0.1]:2222';
  const check = (lines: string[], key = keys.ed25519) => checkHostKey(loadKnownHosts([file('verdict', lines)]).entries, '127.0.0.1', 2222, key.type, key.base64);
  const line = (hosts: string, key: { type: string; base64: string }, marker = '') => `${marker}${hosts} ${key.type} ${key.base64}`;

  it('changed names the last entry with another key, whatever its type; revoked wins over known', () => {
    const verdictFile = path.join(dir, 'verdict');
    expect(check([line(host, keys.rsa), line(host, keys.ed25519b)])).toEqual({
      status: 'changed',
      file: verdictFile,
      line: 2,
      knownKeyType: 'ssh-ed25519',
      knownFingerprint: fingerprintSha256(keys.ed25519b.base64),
    });
    expect(check([line(host, keys.ed25519b), line(host, keys.rsa)])).toMatchObject({ status: 'changed', line: 2, knownKeyType: 'ssh-rsa' });
    expect(check([line(host, keys.rsa), line(host, keys.ed25519)])).toEqual({ status: 'known' });
    expect(check([line('*', keys.ed25519, '@revoked '), line(host, keys.ed25519)])).toEqual({ status: 'revoked', file: verdictFile, line: 1 });
    expect(check([line('other', keys.ed25519, '@revoked '), line(host, keys.ed25519)])).toEqual({ status: 'known' });
    expect(check([line('*', keys.ed25519, '@cert-authority ')])).toEqual({ status: 'unknown' });
    expect(check([line('[127.0.0.*]:2222,!10.0.0.1', keys.ed25519)])).toEqual({ status: 'known' });
    expect(check([line(`[127.0.0.*]:2222,!${host}`, keys.ed25519)])).toEqual({ status: 'unknown' });
    // On another port, the bare host name still vouches for the same key, never against another one.
    expect(check([line('127.0.0.1', keys.ed25519)])).toEqual({ status: 'known' });
    expect(check([line('127.0.0.1', keys.ed25519b)])).toEqual({ status: 'unknown' });
    expect(check([line('127.0.0.1', keys.ed25519), line(host, keys.ed25519b)])).toMatchObject({ status: 'changed', line: 2 });
  });
});
