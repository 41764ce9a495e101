// ~/.ssh/config as OpenSSH reads it: which options apply to a name, with
// OpenSSH's defaults. What `ssh -G <name>` prints is the reference; the oracle
// tests compare the two.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { readConfigTree, type OptionLine, type ParsedConfigFile, type SshConfigHost } from './config-file';
import {
  expandHostName,
  expandPath,
  parseFlag,
  parseForward,
  parsePortNumber,
  parseProxyJump,
  parseStrictHostKeyChecking,
  parseTimeSeconds,
  type JumpHost,
  type PortForward,
  type StrictHostKeyChecking,
  type TokenValues,
} from './option-values';
import { hostLineMatches } from './patterns';
import type { ConfigProblem } from './problems';

export type { SshConfigHost } from './config-file';

export interface LoadSshConfigOptions {
  /** Normally [`${home}/.ssh/config`]; a missing file is not an error. */
  files: string[];
  /** Stands for `~` and `%d`; relative Include paths are in `${home}/.ssh`. */
  home: string;
}

export interface ResolvedSshOptions {
  /** The name asked for. */
  alias: string;
  /** HostName with %h expanded, lowercased as ssh does; the name itself by default. */
  hostname: string;
  port: number;
  user: string;
  /** Expanded paths, configured or OpenSSH's default list; files may not exist (the caller skips those). */
  identityFiles: string[];
  identitiesConfigured: boolean;
  identitiesOnly: boolean;
  certificateFiles: string[];
  /** First hop first; empty for none. */
  proxyJump: JumpHost[];
  proxyCommand: string | undefined;
  /** Seconds; 0 = off. */
  serverAliveInterval: number;
  serverAliveCountMax: number;
  /** Seconds; undefined = the system's TCP timeout. */
  connectTimeout: number | undefined;
  forwardAgent: boolean;
  /** ForwardAgent given as a socket path or $VARIABLE instead of yes/no. */
  forwardAgentSocket: string | undefined;
  userKnownHostsFiles: string[];
  strictHostKeyChecking: StrictHostKeyChecking;
  hashKnownHosts: boolean;
  hostKeyAlias: string | undefined;
  localForwards: PortForward[];
  remoteForwards: PortForward[];
  dynamicForwards: PortForward[];
  /** Every option obtained for this name, lowercase keys; accumulating options as lists. */
  raw: Record<string, string | string[]>;
}

export interface SshConfigResult {
  /** Concrete Host aliases (no wildcard, no negation), in file order, each once. */
  hosts: SshConfigHost[];
  problems: ConfigProblem[];
  resolve(alias: string): ResolvedSshOptions;
}

/** Options that collect every value in order instead of keeping the first. */
const ACCUMULATING = new Set(['identityfile', 'certificatefile', 'localforward', 'remoteforward', 'dynamicforward', 'sendenv']);
/** Of these OpenSSH drops exact duplicates (add_identity_file and friends). */
const DEDUPLICATED = new Set(['identityfile', 'certificatefile', 'localforward', 'remoteforward', 'dynamicforward']);
/** Options whose value is the rest of the line, as written. */
const VERBATIM = new Set(['proxycommand', 'proxyjump', 'localcommand', 'remotecommand', 'knownhostscommand']);

const DEFAULT_IDENTITY_FILES = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'].map((f) => `~/.ssh/${f}`);
const DEFAULT_KNOWN_HOSTS = ['~/.ssh/known_hosts', '~/.ssh/known_hosts2'];

/** Throws only for I/O errors other than a missing or unreadable file. */
export function loadSshConfig(options: LoadSshConfigOptions): SshConfigResult {
  const tree = readConfigTree(options.files, options.home);
  return {
    hosts: tree.hosts,
    problems: tree.problems,
    resolve: (alias) => resolveName(tree.roots, alias, options.home),
  };
}

/** The lines that apply to `name`: first obtained value wins, accumulating options collect. */
function collectOptions(roots: readonly ParsedConfigFile[], name: string): Map<string, OptionLine[]> {
  const obtained = new Map<string, OptionLine[]>();
  const take = (line: OptionLine) => {
    const { key } = line;
    const list = obtained.get(key);
    if (ACCUMULATING.has(key)) {
      if (DEDUPLICATED.has(key) && list?.some((seen) => seen.args.join(' ') === line.args.join(' '))) return;
      obtained.set(key, [...(list ?? []), line]);
      return;
    }
    if (list) return;
    // ProxyJump and ProxyCommand exclude each other: whichever comes first wins,
    // but `ProxyJump none` does not block a later ProxyCommand (readconf.c, checked with ssh -G).
    if (key === 'proxyjump' && obtained.has('proxycommand')) return;
    if (key === 'proxycommand' && obtained.get('proxyjump')?.some((jump) => jump.rest.toLowerCase() !== 'none')) return;
    obtained.set(key, [line]);
  };
  // Each file starts active; a Host line switches it; an Include applies only
  // inside an active block, and the including file's state resumes after it.
  const visit = (file: ParsedConfigFile) => {
    let active = true;
    for (const line of file.lines) {
      if (line.kind === 'host') active = hostLineMatches(line.patterns, name);
      else if (line.kind === 'match') active = false;
      else if (!active) continue;
      else if (line.kind === 'include') line.files.forEach(visit);
      else take(line);
    }
  };
  roots.forEach(visit);
  return obtained;
}

function resolveName(roots: readonly ParsedConfigFile[], alias: string, home: string): ResolvedSshOptions {
  const obtained = collectOptions(roots, alias);
  const first = (key: string) => obtained.get(key)?.[0];
  const value = (key: string) => first(key)?.args[0];
  const all = (key: string) => obtained.get(key) ?? [];

  // ssh matches Host patterns against the name as typed, then lowercases it.
  const typed = alias.toLowerCase();
  const hostNameOption = value('hostname');
  const hostname = (hostNameOption === undefined ? typed : expandHostName(hostNameOption, typed)).toLowerCase();
  const port = parsePortNumber(value('port') ?? '') ?? 22;
  const localUser = currentUser();
  const user = value('user') ?? localUser;
  const hostKeyAlias = value('hostkeyalias');
  const localHost = os.hostname();
  const tokens: TokenValues = {
    home,
    localUser,
    host: hostname,
    originalHost: alias,
    remoteUser: user,
    port,
    localHost,
    uid: typeof process.getuid === 'function' ? String(process.getuid()) : '',
    hostKeyAlias: hostKeyAlias ?? alias,
    // %C as OpenSSH 9.2 computes it: SHA-1 of %l%h%p%r (later versions append %j).
    connectionHash: createHash('sha1').update(`${localHost}${hostname}${port}${user}`).digest('hex'),
  };
  const expand = (file: string) => expandPath(file, tokens);

  const identities = all('identityfile').map((line) => line.args[0]!);
  const knownHosts = first('userknownhostsfile')?.args ?? DEFAULT_KNOWN_HOSTS;
  const forwardAgentValue = value('forwardagent');
  const forwardAgentFlag = forwardAgentValue === undefined ? false : parseFlag(forwardAgentValue);
  const jumpText = first('proxyjump')?.rest;
  const jumps = jumpText === undefined ? undefined : parseProxyJump(jumpText);
  const proxyCommand = first('proxycommand')?.rest;
  const connectTimeout = value('connecttimeout');
  const forwards = (key: string, kind: 'local' | 'remote' | 'dynamic') =>
    all(key).flatMap((line) => {
      const parsed = parseForward(kind, line.args);
      return parsed.ok ? [parsed.value] : [];
    });

  return {
    alias,
    hostname,
    port,
    user,
    identityFiles: (identities.length > 0 ? identities : DEFAULT_IDENTITY_FILES).map(expand),
    identitiesConfigured: identities.length > 0,
    identitiesOnly: parseFlag(value('identitiesonly') ?? 'no') ?? false,
    certificateFiles: all('certificatefile').map((line) => expand(line.args[0]!)),
    proxyJump: jumps?.ok ? jumps.value : [],
    proxyCommand: proxyCommand === undefined || proxyCommand.toLowerCase() === 'none' ? undefined : proxyCommand,
    serverAliveInterval: parseTimeSeconds(value('serveraliveinterval') ?? '0') ?? 0,
    serverAliveCountMax: Number(value('serveralivecountmax') ?? 3),
    connectTimeout: connectTimeout === undefined ? undefined : parseTimeSeconds(connectTimeout),
    forwardAgent: forwardAgentFlag ?? true,
    forwardAgentSocket: forwardAgentFlag === undefined ? forwardAgentValue : undefined,
    userKnownHostsFiles: knownHosts.length === 1 && knownHosts[0]!.toLowerCase() === 'none' ? [] : knownHosts.map(expand),
    strictHostKeyChecking: parseStrictHostKeyChecking(value('stricthostkeychecking') ?? 'ask') ?? 'ask',
    hashKnownHosts: parseFlag(value('hashknownhosts') ?? 'no') ?? false,
    hostKeyAlias,
    localForwards: forwards('localforward', 'local'),
    remoteForwards: forwards('remoteforward', 'remote'),
    dynamicForwards: forwards('dynamicforward', 'dynamic'),
    raw: rawValues(obtained),
  };
}

function rawValues(obtained: Map<string, OptionLine[]>): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  const text = (line: OptionLine) => (VERBATIM.has(line.key) ? line.rest : line.args.join(' '));
  for (const [key, lines] of obtained) raw[key] = ACCUMULATING.has(key) ? lines.map(text) : text(lines[0]!);
  return raw;
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // userInfo() throws for a uid without a passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}
