// Our resolution against OpenSSH's own: `ssh -G -F <file> <name>` prints the
// options ssh would use. Every config here is written to a fresh temp dir;
// -F keeps ssh away from ~/.ssh/config and /etc/ssh/ssh_config.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProxyJump, type ForwardEndpoint, type JumpHost, type PortForward } from './option-values';
import { loadSshConfig, type ResolvedSshOptions } from './ssh-config';

const hasSsh = spawnSync('ssh', ['-V']).status === 0;

let dir: string;
let sshHome: string;

/** `ssh -G` output as keyword → values (repeated keywords collect). HOME points at the temp dir. */
function sshG(configFile: string, name: string): Map<string, string[]> {
  const result = spawnSync('ssh', ['-G', '-F', configFile, name], { encoding: 'utf8', env: { ...process.env, HOME: dir }, timeout: 10_000 });
  if (result.status !== 0) throw new Error(`ssh -G failed for ${name}: ${result.stderr}`);
  const options = new Map<string, string[]>();
  for (const line of result.stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const key = line.slice(0, space);
    options.set(key, [...(options.get(key) ?? []), line.slice(space + 1)]);
  }
  return options;
}

const one = (options: Map<string, string[]>, key: string) => options.get(key)?.[0];

/** How ssh -G prints a forward (dump_cfg_forwards). */
function formatEndpoint(endpoint: ForwardEndpoint): string {
  if (endpoint.kind === 'socket') return endpoint.path;
  return endpoint.host === undefined ? String(endpoint.port) : `[${endpoint.host}]:${endpoint.port}`;
}
/** A remote SOCKS forward is stored with the target "socks", port 0, and printed so. */
const formatForward = (f: PortForward, socksTarget = '') => `${formatEndpoint(f.listen)}${f.connect ? ` ${formatEndpoint(f.connect)}` : socksTarget}`;

/** ssh -G prints ProxyJump's earlier hops as written and the last one rebuilt from what it parsed; nothing for `none`. */
function formatProxyJump(resolved: ResolvedSshOptions): string | undefined {
  const last = resolved.proxyJump.at(-1);
  if (!last) return undefined;
  const written = String(resolved.raw.proxyjump).split(/\s/)[0]!.split(',');
  return [...written.slice(0, -1), formatHop(last)].join(',');
}

function formatHop(hop: JumpHost): string {
  const host = hop.host.includes(':') ? `[${hop.host}]` : hop.host;
  return `${hop.user === undefined ? '' : `${hop.user}@`}${host}${hop.port === undefined ? '' : `:${hop.port}`}`;
}

const STRICT: Record<string, ResolvedSshOptions['strictHostKeyChecking']> = { true: 'yes', false: 'no', ask: 'ask', 'accept-new': 'accept-new' };

/** The fields we implement, in OpenSSH's words, read from ssh -G. */
function expectedFromSsh(options: Map<string, string[]>) {
  const connectTimeout = one(options, 'connecttimeout');
  const forwardAgent = one(options, 'forwardagent')!;
  return {
    hostname: one(options, 'hostname'),
    port: Number(one(options, 'port')),
    user: one(options, 'user'),
    // ssh -G prints identity files before ~ and %-expansion; the configs below use only `~`.
    identityFiles: (options.get('identityfile') ?? []).map((f) => f.replace(/^~/, sshHome)),
    identitiesOnly: one(options, 'identitiesonly') === 'yes',
    proxyJump: one(options, 'proxyjump'),
    proxyCommand: one(options, 'proxycommand'),
    serverAliveInterval: Number(one(options, 'serveraliveinterval')),
    serverAliveCountMax: Number(one(options, 'serveralivecountmax')),
    connectTimeout: connectTimeout === 'none' ? undefined : Number(connectTimeout),
    forwardAgent: forwardAgent !== 'no',
    userKnownHostsFiles: (one(options, 'userknownhostsfile') ?? '').split(' '),
    strictHostKeyChecking: STRICT[one(options, 'stricthostkeychecking')!],
    hashKnownHosts: one(options, 'hashknownhosts') === 'yes',
    localForwards: options.get('localforward') ?? [],
    remoteForwards: options.get('remoteforward') ?? [],
    dynamicForwards: options.get('dynamicforward') ?? [],
  };
}

function actualFields(resolved: ResolvedSshOptions) {
  return {
    hostname: resolved.hostname,
    port: resolved.port,
    user: resolved.user,
    identityFiles: resolved.identityFiles,
    identitiesOnly: resolved.identitiesOnly,
    proxyJump: formatProxyJump(resolved),
    proxyCommand: resolved.proxyCommand,
    serverAliveInterval: resolved.serverAliveInterval,
    serverAliveCountMax: resolved.serverAliveCountMax,
    connectTimeout: resolved.connectTimeout,
    forwardAgent: resolved.forwardAgent,
    userKnownHostsFiles: resolved.userKnownHostsFiles,
    strictHostKeyChecking: resolved.strictHostKeyChecking,
    hashKnownHosts: resolved.hashKnownHosts,
    localForwards: resolved.localForwards.map((f) => formatForward(f)),
    remoteForwards: resolved.remoteForwards.map((f) => formatForward(f, ' [socks]:0')),
    dynamicForwards: resolved.dynamicForwards.map((f) => formatForward(f)),
  };
}

function write(relative: string, text: string): string {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

function compare(configFile: string, names: string[]) {
  const config = loadSshConfig({ files: [configFile], home: sshHome });
  expect(config.problems).toEqual([]);
  for (const name of names) {
    const expected = expectedFromSsh(sshG(configFile, name));
    expect({ name, ...actualFields(config.resolve(name)) }).toEqual({ name, ...expected });
  }
}

describe.skipIf(!hasSsh)('ssh config resolution matches `ssh -G` (needs the OpenSSH client)', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wb-ssh-config-oracle-'));
    // ssh expands `~` and %d from the password database, not $HOME: ask it which home that is.
    const probe = sshG('/dev/null', 'probe').get('userknownhostsfile')![0]!.split(' ')[0]!;
    sshHome = path.dirname(path.dirname(probe));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('Include with a glob, several patterns, negation, wildcards, first value wins, IdentityFile accumulates', () => {
    write('conf.d/10-base.conf', ['Host included-host', '  HostName 10.1.2.3', '  User inc', 'Host web*', '  ForwardAgent no', ''].join('\n'));
    write('conf.d/20-more.conf', ['Host web2', '  Port 2202', ''].join('\n'));
    write('conf.d/.hidden.conf', ['Host *', '  User never-read-dotfile', ''].join('\n'));
    const config = write(
      'main.conf',
      [
        `Include ${dir}/conf.d/*.conf`,
        'Host web1 web2 db-? !db-x',
        '  User deploy',
        '  IdentityFile ~/.ssh/deploy_key',
        'Host web1',
        '  User second-user-ignored',
        '  Port 2201',
        '  HostName %h.Internal.Example',
        'Host db-*',
        '  Port 5022',
        '  ProxyJump jumper@bastion:2222,admin@[fe80::1]:22',
        '  ProxyCommand nc %h %p',
        'Host legacy',
        '  ProxyCommand ssh -W %h:%p gateway',
        '  ProxyJump ignored-after-proxycommand',
        'Host nojump',
        '  ProxyJump none',
        '  ProxyCommand nc %h %p',
        'Host *.corp',
        '  User corp-user',
        '  ServerAliveInterval 1m30s',
        '  StrictHostKeyChecking accept-new',
        '  IdentitiesOnly yes',
        'Host * !db-*',
        '  UserKnownHostsFile ~/.ssh/kh_%h_%p_%r %d/kh_%n_%u_%l_%L_%i_%C_%%',
        'Host *',
        '  Port 2222',
        '  IdentityFile ~/.ssh/common_key',
        '  IdentityFile ~/.ssh/deploy_key',
        '  ServerAliveCountMax 5',
        '  ConnectTimeout 15',
        '  HashKnownHosts yes',
        '',
      ].join('\n'),
    );
    compare(config, ['web1', 'web2', 'WEB1', 'db-1', 'db-', 'db-x', 'db-10', 'legacy', 'nojump', 'build.corp', 'included-host', 'not-listed']);
  });

  it('defaults when nothing is configured', () => {
    compare(write('empty.conf', '# nothing\n'), ['plain', 'Mixed.Case.Example']);
  });

  it('an Include inside a Host block applies only to that host, and each included file starts active', () => {
    write('inner/a.conf', ['User from-a', 'Host other', '  Port 1111', 'Host *', '  Port 2222', ''].join('\n'));
    write('inner/b.conf', ['Port 3333', 'User from-b', ''].join('\n'));
    const config = write(
      'conditional.conf',
      ['Host gamma', `  Include ${dir}/inner/b.conf`, '  User gamma-user', 'Host delta', '  Port 4444', `Include ${dir}/inner/*.conf`, ''].join('\n'),
    );
    compare(config, ['gamma', 'delta', 'other', 'anyone']);
  });

  it('forwards, agent forwarding and host key options', () => {
    const config = write(
      'forwards.conf',
      [
        'Host tunnels',
        '  LocalForward 8080 localhost:80',
        '  LocalForward 127.0.0.1:9090 [::1]:90',
        '  LocalForward /tmp/wb-local.sock db.internal:5432',
        '  LocalForward 8080 localhost:80',
        '  RemoteForward 9000',
        '  RemoteForward [::1]:9001 localhost:22',
        '  DynamicForward 1080',
        '  DynamicForward localhost:1081',
        '  ForwardAgent yes',
        '  StrictHostKeyChecking no',
        'Host agent-socket',
        '  ForwardAgent /tmp/agent.sock',
        '  StrictHostKeyChecking yes',
        'Host *',
        '  ConnectTimeout 1h',
        '  ServerAliveInterval 45',
        '',
      ].join('\n'),
    );
    compare(config, ['tunnels', 'agent-socket', 'neither']);
  });

  it('accepts and refuses the same forward specs and times, and reads them the same way', () => {
    const cases: Array<[keyword: string, value: string]> = [
      ['LocalForward', '8080 localhost:80'],
      ['LocalForward', '127.0.0.1:8080 [::1]:80'],
      ['LocalForward', '[0.0.0.0]:8080 db:5432'],
      ['LocalForward', '/tmp/wb.sock db:5432'],
      ['LocalForward', '*:8080 localhost:80'],
      ['LocalForward', '8080'],
      ['LocalForward', '0 localhost:80'],
      ['LocalForward', '8080 localhost:0'],
      ['LocalForward', '70000 localhost:80'],
      ['LocalForward', '8080 [::1:80'],
      ['LocalForward', 'a:b:c:8080 x:80'],
      ['RemoteForward', '9000'],
      ['RemoteForward', '0 localhost:80'],
      ['RemoteForward', 'localhost:9000 localhost:22'],
      ['DynamicForward', '1080'],
      ['DynamicForward', 'localhost:1080'],
      ['DynamicForward', '[::1]:1080'],
      ['DynamicForward', '0'],
      ['DynamicForward', 'a:b:1080'],
      ['ConnectTimeout', '0'],
      ['ConnectTimeout', '1m30s'],
      ['ConnectTimeout', '90S'],
      ['ConnectTimeout', '2d'],
      ['ConnectTimeout', '1w1s'],
      ['ConnectTimeout', '5x'],
      ['ConnectTimeout', '1.5'],
      ['ConnectTimeout', '1m 30s'],
      ['ServerAliveInterval', '1h2m3'],
      ['ServerAliveCountMax', '7'],
      ['ServerAliveCountMax', 'x'],
      ['Port', '65535'],
      ['Port', '0'],
      ['Port', '22a'],
      ['StrictHostKeyChecking', 'OFF'],
      ['StrictHostKeyChecking', 'True'],
      ['StrictHostKeyChecking', 'maybe'],
      ['HashKnownHosts', 'YES'],
      ['IdentitiesOnly', 'sure'],
    ];
    for (const [keyword, value] of cases) {
      const file = write('value.conf', `Host x\n  ${keyword} ${value}\n`);
      const ssh = spawnSync('ssh', ['-G', '-F', file, 'x'], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
      const config = loadSshConfig({ files: [file], home: sshHome });
      const label = `${keyword} ${value}`;
      expect({ label, accepted: config.problems.length === 0 }).toEqual({ label, accepted: ssh.status === 0 });
      if (ssh.status !== 0) continue;
      const options = new Map<string, string[]>();
      for (const line of ssh.stdout.split('\n')) {
        const [key, ...rest] = line.split(' ');
        if (key) options.set(key, [...(options.get(key) ?? []), rest.join(' ')]);
      }
      const { name: _ignored, ...expected } = { name: label, ...expectedFromSsh(options) };
      expect({ label, ...actualFields(config.resolve('x')) }).toEqual({ label, ...expected });
    }
  });

  it('accepts and refuses the same ProxyJump specs, and reads the last hop the same way', () => {
    const specs = [
      'bastion',
      'jumper@bastion:2222',
      'a,b,c',
      'u@v@h:22',
      '[::1]',
      'x@[fe80::1]:2200',
      'h:',
      'h]:2',
      'ssh://u@h:2022',
      'ssh://u%40corp@h',
      'ssh://u;fp=x@h',
      'a,ssh://u@h:2022/',
      'ssh://[h]:22',
      'ssh://h_1',
      'first second',
      'a,b # comment',
      'NONE',
      'host/22',
      'u@',
      '@h',
      'h:0',
      'h:65536',
      'fe80::1',
      'a, b',
      'a,,b',
      ',a',
      'a,',
      '[h',
      '[h]x',
      'ssh://',
      'ssh://@h',
      'ssh://h:0',
      'ssh://h/path',
      'ssh://[::1]:22',
      'ssh://-h',
    ];
    for (const spec of specs) {
      const file = write('jump.conf', `Host x\n  ProxyJump ${spec}\n`);
      const ssh = spawnSync('ssh', ['-G', '-F', file, 'x'], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
      const ours = parseProxyJump(spec);
      expect({ spec, accepted: ours.ok }).toEqual({ spec, accepted: ssh.status === 0 });
      if (ssh.status !== 0 || !ours.ok) continue;
      const printed = /^proxyjump (.*)$/m.exec(ssh.stdout)?.[1];
      const last = ours.value.at(-1);
      expect({ spec, last: last && formatHop(last) }).toEqual({ spec, last: printed?.split(',').at(-1) });
    }
  });
});
