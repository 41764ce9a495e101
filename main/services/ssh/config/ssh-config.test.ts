import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSshConfig } from './ssh-config';

let home: string;
let configFile: string;

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'wb-ssh-config-'));
  configFile = path.join(home, '.ssh', 'config');
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** Writes lines to a file under the temp home (created as needed) and returns its path. */
function write(relative: string, lines: string[]): string {
  const file = path.join(home, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const load = (files = [configFile]) => loadSshConfig({ files, home });

describe('loading', () => {
  it('treats a missing file as an empty config, with OpenSSH defaults', () => {
    const config = load();
    expect(config.hosts).toEqual([]);
    expect(config.problems).toEqual([]);
    const resolved = config.resolve('example.org');
    expect(resolved).toMatchObject({
      hostname: 'example.org',
      port: 22,
      user: os.userInfo().username,
      identitiesConfigured: false,
      identitiesOnly: false,
      proxyJump: [],
      proxyCommand: undefined,
      serverAliveInterval: 0,
      serverAliveCountMax: 3,
      connectTimeout: undefined,
      forwardAgent: false,
      strictHostKeyChecking: 'ask',
      hashKnownHosts: false,
      raw: {},
    });
    expect(resolved.identityFiles).toEqual(
      ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'].map((f) => path.join(home, '.ssh', f)),
    );
    expect(resolved.userKnownHostsFiles).toEqual([path.join(home, '.ssh', 'known_hosts'), path.join(home, '.ssh', 'known_hosts2')]);
  });

  it('lists concrete aliases in file order, once each, without wildcards or negations', () => {
    write('.ssh/config', ['Host web1 web2 *.corp !bad', '  User a', 'Host db?', 'Host web2 db1', '  Port 2', 'Host *', '  User b']);
    expect(load().hosts).toEqual([
      { alias: 'web1', file: configFile, line: 1 },
      { alias: 'web2', file: configFile, line: 1 },
      { alias: 'db1', file: configFile, line: 4 },
    ]);
  });

  it('reads CRLF files with a byte-order mark', () => {
    mkdirSync(path.dirname(configFile), { recursive: true });
    writeFileSync(configFile, '\uFEFFHost crlf\r\n  Port 2200\r\n  User win\r\n');
    const config = load();
    expect(config.problems).toEqual([]);
    expect(config.hosts.map((h) => h.alias)).toEqual(['crlf']);
    const resolved = config.resolve('crlf');
    expect([resolved.port, resolved.user]).toEqual([2200, 'win']);
  });

  it('reads several files, the first one obtaining a value winning (user config before system config)', () => {
    const user = write('user.conf', ['Host *', '  User from-user']);
    const system = write('system.conf', ['Host *', '  User from-system', '  Port 2022']);
    const resolved = load([user, system]).resolve('x');
    expect([resolved.user, resolved.port]).toEqual(['from-user', 2022]);
  });
});

describe('problems name the file and line, and skip only what is broken', () => {
  it('a keyword without value, a non-numeric Port, a bad time and an unclosed quote', () => {
    write('.ssh/config', [
      'Host web', //          1
      '  Port', //             2
      '  Port abc', //         3
      '  ConnectTimeout soon', // 4
      '  HostName "unclosed', // 5
      '  Port 2200', //        6
      '  User deploy', //      7
    ]);
    const config = load();
    expect(config.problems).toEqual([
      { file: configFile, line: 2, severity: 'error', message: '“Port” needs a value.' },
      { file: configFile, line: 3, severity: 'error', message: 'Port must be a number from 1 to 65535, not “abc”.' },
      { file: configFile, line: 4, severity: 'error', message: expect.stringContaining('ConnectTimeout must be a time in seconds') },
      { file: configFile, line: 5, severity: 'error', message: 'A quote on this “HostName” line is not closed.' },
    ]);
    const resolved = config.resolve('web');
    expect([resolved.hostname, resolved.port, resolved.user, resolved.connectTimeout]).toEqual(['web', 2200, 'deploy', undefined]);
  });

  it('values OpenSSH refuses: several values for one, bad flags, bad ProxyJump and forwards', () => {
    write('.ssh/config', [
      'Host x',
      '  HostName a b',
      '  IdentitiesOnly maybe',
      '  StrictHostKeyChecking sometimes',
      '  ProxyJump u@',
      '  LocalForward 8080',
      '  DynamicForward 0',
      '  ServerAliveCountMax -1',
    ]);
    const config = load();
    expect(config.problems.map((p) => [p.line, p.severity])).toEqual([
      [2, 'error'],
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, 'error'],
      [8, 'error'],
    ]);
    expect(config.problems[0]!.message).toMatch(/takes one value/);
    expect(config.problems[3]!.message).toMatch(/Invalid ProxyJump: “u@” is not a jump host/);
    expect(config.problems[4]!.message).toMatch(/Invalid LocalForward: the target is missing/);
    expect(config.resolve('x').raw).toEqual({});
  });

  it('a Host line that cannot be read does not let its options leak into the block before it', () => {
    write('.ssh/config', ['Host good', '  User good-user', 'Host "broken', '  User leaked', 'Host *', '  Port 2']);
    const config = load();
    expect(config.problems).toEqual([
      {
        file: configFile,
        line: 3,
        severity: 'error',
        message: 'A quote on this “Host” line is not closed. The options up to the next Host or Match line are ignored.',
      },
    ]);
    expect(config.resolve('good').user).toBe('good-user');
    expect(config.resolve('"broken').user).toBe(os.userInfo().username);
    expect(config.resolve('good').port).toBe(2);
  });

  it('an unknown option is a warning unless IgnoreUnknown names it', () => {
    write('.ssh/config', ['IgnoreUnknown UseKeychain,AddKeys*', 'Host x', '  UseKeychain yes', '  AddKeysToMac yes', '  HostNmae typo.example']);
    const config = load();
    expect(config.problems).toEqual([{ file: configFile, line: 5, severity: 'warning', message: expect.stringContaining('Unknown option “HostNmae”') }]);
    expect(config.resolve('x').hostname).toBe('x');
  });

  it('a line without keyword', () => {
    write('.ssh/config', ['= value', 'Host ok']);
    const config = load();
    expect(config.problems).toEqual([{ file: configFile, line: 1, severity: 'error', message: 'This line has no keyword.' }]);
    expect(config.hosts.map((h) => h.alias)).toEqual(['ok']);
  });
});

describe('Match blocks', () => {
  it('are skipped with a warning naming their lines, and never run `Match exec`', () => {
    const marker = path.join(home, 'exec-ran');
    write('.ssh/config', [
      'Host before', //                         1
      '  User b', //                            2
      `Match exec "touch ${marker}"`, //        3
      '  User from-match', //                   4
      '', //                                    5
      '  Port 9999', //                         6
      '# trailing comment', //                  7
      'Match all', //                           8
      '  Port 1', //                            9
      'Host after', //                          10
      '  User a', //                            11
      'Match host x', //                        12
    ]);
    const config = load();
    expect(config.problems).toEqual([
      { file: configFile, line: 3, severity: 'warning', message: 'Match blocks are not supported yet; the options in this block (lines 3–6) are ignored.' },
      { file: configFile, line: 8, severity: 'warning', message: 'Match blocks are not supported yet; the options in this block (lines 8–9) are ignored.' },
      { file: configFile, line: 12, severity: 'warning', message: 'Match blocks are not supported yet; the options in this block (lines 12–12) are ignored.' },
    ]);
    expect(config.resolve('before')).toMatchObject({ user: 'b', port: 22 });
    expect(config.resolve('after')).toMatchObject({ user: 'a', port: 22 });
    expect(existsSync(marker)).toBe(false);
  });

  it('a Match line the package rejects still starts an ignored block', () => {
    write('.ssh/config', ['Host x', '  User x-user', 'Match host', '  User leaked']);
    const config = load();
    expect(config.problems).toEqual([
      expect.objectContaining({ line: 3, severity: 'error', message: expect.stringContaining('The Match criterion “host” needs a value.') }),
      expect.objectContaining({ line: 3, severity: 'warning', message: expect.stringContaining('(lines 3–4)') }),
    ]);
    expect(config.resolve('x').user).toBe('x-user');
  });
});

describe('Include', () => {
  it('resolves relative paths in ~/.ssh, expands ~ and globs (sorted), and names included files in problems', () => {
    write('.ssh/conf.d/b.conf', ['Host from-b', '  Port 2']);
    write('.ssh/conf.d/a.conf', ['Host from-a', '  Port nope']);
    write('.ssh/conf.d/.hidden.conf', ['Host hidden']);
    write('elsewhere/tilde.conf', ['Host from-tilde']);
    write('.ssh/config', ['Include conf.d/*.conf ~/elsewhere/tilde.conf', 'Host main']);
    const config = load();
    expect(config.hosts.map((h) => [h.alias, path.relative(home, h.file), h.line])).toEqual([
      ['from-a', '.ssh/conf.d/a.conf', 1],
      ['from-b', '.ssh/conf.d/b.conf', 1],
      ['from-tilde', 'elsewhere/tilde.conf', 1],
      ['main', '.ssh/config', 2],
    ]);
    expect(config.problems).toEqual([
      { file: path.join(home, '.ssh/conf.d/a.conf'), line: 2, severity: 'error', message: 'Port must be a number from 1 to 65535, not “nope”.' },
    ]);
    expect(config.resolve('from-b').port).toBe(2);
  });

  it('a glob matching nothing is silent; a missing named file is a warning', () => {
    write('.ssh/config', ['Include none.d/*', 'Include missing.conf', 'Host ok']);
    expect(load().problems).toEqual([
      { file: configFile, line: 2, severity: 'warning', message: `The included file ${path.join(home, '.ssh', 'missing.conf')} does not exist (OpenSSH skips it too).` },
    ]);
  });

  it('stops include loops and reports them on the Include line', () => {
    write('.ssh/a.conf', ['Include b.conf', 'Host in-a']);
    write('.ssh/b.conf', ['Include a.conf', 'Include config', 'Host in-b']);
    write('.ssh/config', ['Include a.conf', 'Host main']);
    const config = load();
    expect(config.hosts.map((h) => h.alias)).toEqual(['in-b', 'in-a', 'main']);
    const b = path.join(home, '.ssh', 'b.conf');
    expect(config.problems.map((p) => [p.file, p.line, p.severity])).toEqual([
      [b, 1, 'error'],
      [b, 2, 'error'],
    ]);
    expect(config.problems[0]!.message).toMatch(/^Include loop: .*a\.conf is already being read/);
  });

  it('lists aliases of a file included inside a Host block only where that block applies', () => {
    write('.ssh/inner.conf', ['Host web-a other', '  Port 2']);
    write('.ssh/config', ['Host web-*', '  Include inner.conf', 'Host plain']);
    const config = load();
    expect(config.hosts.map((h) => h.alias)).toEqual(['web-a', 'plain']);
    expect(config.resolve('web-a').port).toBe(2);
    expect(config.resolve('other').port).toBe(22);
  });
});

describe('resolve', () => {
  it('expands ~, %d, %u, %h, %r, %p and %n in identity files and marks them as configured', () => {
    write('.ssh/config', ['Host web', '  HostName web.example', '  User deploy', '  Port 2200', '  IdentityFile ~/.ssh/%h_%r', '  IdentityFile %d/keys/%u-%n-%p-%%']);
    const resolved = load().resolve('web');
    const user = os.userInfo().username;
    expect(resolved.identityFiles).toEqual([path.join(home, '.ssh', 'web.example_deploy'), `${home}/keys/${user}-web-2200-%`]);
    expect(resolved.identitiesConfigured).toBe(true);
  });

  it('parses ProxyJump into hops, and a ProxyCommand after it is ignored', () => {
    write('.ssh/config', ['Host inner', '  ProxyJump ops@bastion:2222,[fe80::1]:22,ssh://u%40corp@gw', '  ProxyCommand nc %h %p']);
    const resolved = load().resolve('inner');
    expect(resolved.proxyJump).toEqual([{ user: 'ops', host: 'bastion', port: 2222 }, { host: 'fe80::1', port: 22 }, { user: 'u@corp', host: 'gw' }]);
    expect(resolved.proxyCommand).toBeUndefined();
  });

  it('keeps the raw values with lowercase keys, accumulating options as lists', () => {
    write('.ssh/config', ['Host r', '  hostname R.example', '  SendEnv LANG LC_*', '  SendEnv TZ', '  ProxyCommand ssh -W "%h:%p" gw', '  PubkeyAcceptedKeyTypes +ssh-rsa']);
    const resolved = load().resolve('r');
    expect(resolved.raw).toEqual({
      hostname: 'R.example',
      sendenv: ['LANG LC_*', 'TZ'],
      proxycommand: 'ssh -W "%h:%p" gw',
      pubkeyacceptedalgorithms: '+ssh-rsa',
    });
    expect(resolved.hostname).toBe('r.example');
    expect(resolved.proxyCommand).toBe('ssh -W "%h:%p" gw');
  });

  it('reads forwards, agent socket and host key alias', () => {
    write('.ssh/config', [
      'Host f',
      '  LocalForward 5432 db.internal:5432',
      '  RemoteForward 9000',
      '  DynamicForward 127.0.0.1:1080',
      '  ForwardAgent ~/.ssh/agent.sock',
      '  HostKeyAlias f-key',
      '  UserKnownHostsFile none',
    ]);
    const resolved = load().resolve('f');
    expect(resolved.localForwards).toEqual([{ listen: { kind: 'tcp', port: 5432 }, connect: { kind: 'tcp', host: 'db.internal', port: 5432 } }]);
    expect(resolved.remoteForwards).toEqual([{ listen: { kind: 'tcp', port: 9000 } }]);
    expect(resolved.dynamicForwards).toEqual([{ listen: { kind: 'tcp', host: '127.0.0.1', port: 1080 } }]);
    expect([resolved.forwardAgent, resolved.forwardAgentSocket, resolved.hostKeyAlias]).toEqual([true, '~/.ssh/agent.sock', 'f-key']);
    expect(resolved.userKnownHostsFiles).toEqual([]);
  });
});
