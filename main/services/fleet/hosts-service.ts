// The hosts the user can reach: every concrete alias in ~/.ssh/config (read
// live, as OpenSSH resolves it), plus the app's inventory, which can add
// hosts of its own or groups, tags and notes to an alias. It also turns a host
// into an SSH target: the options OpenSSH would use, and its ProxyJump chain.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Contract } from '../../../shared/contract';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { ConfigProblem, Host, HostInput, HostList } from '../../../shared/contract/hosts';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';
import type { Logger } from '../log';
import type { ConnectionContext, Handlers } from '../rpc/types';
import { DEFAULT_AUTH_METHODS, type AuthMethodName, type HopOptions } from '../ssh/connect';
import { displayPath } from '../ssh/host-key';
import { loadSshConfig, type ResolvedSshOptions, type SshConfigResult } from '../ssh/config';
import type { SshTarget } from '../ssh/target';
import { parseAnsibleInventory } from './ansible-inventory';
import { InventoryFile, type InventoryEntry } from './inventory-file';
import { watchFiles } from '../store/watch-files';

export interface HostsServiceDeps {
  dataDir: string;
  home: string;
  log: Logger;
  /** The ssh config files to read, in order (normally ~/.ssh/config). */
  sshConfigFiles(): string[];
}

interface Snapshot {
  config: SshConfigResult;
  entries: Map<string, InventoryEntry>;
  list: HostList;
}

/** Keepalive when the config sets none, so a dead host is noticed within about a minute. */
const DEFAULT_KEEPALIVE_S = 15;
const DEFAULT_CONNECT_TIMEOUT_S = 10;

export class HostsService {
  readonly inventory: InventoryFile;
  private snapshot: Snapshot | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: HostsServiceDeps) {
    this.inventory = new InventoryFile(path.join(deps.dataDir, 'inventory.yaml'));
  }

  list(): HostList {
    return this.current().list;
  }

  get(id: string): Host | undefined {
    return this.current().list.hosts.find((h) => h.id === id);
  }

  onChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  /** Re-read the files now (they changed on disk, or the UI wrote them). */
  reload(): void {
    this.snapshot = undefined;
    for (const listener of this.listeners) listener();
  }

  /** Follow the config files for changes: ~/.ssh/config is read live. */
  watch(): Disposable {
    return watchFiles([...this.deps.sshConfigFiles(), this.inventory.file], () => this.reload());
  }

  private current(): Snapshot {
    if (this.snapshot) return this.snapshot;
    const files = this.deps.sshConfigFiles();
    const config = loadSshConfig({ files, home: this.deps.home });
    const inventory = this.inventory.read();
    const entries = new Map(inventory.entries.map((e) => [e.name, e]));
    const aliases = new Map(config.hosts.map((h) => [h.alias, h]));
    const hosts: Host[] = [];
    for (const alias of config.hosts) {
      hosts.push(this.describe(alias.alias, config, entries.get(alias.alias), `${displayPath(alias.file)}:${alias.line}`));
    }
    for (const entry of inventory.entries) {
      if (!aliases.has(entry.name)) hosts.push(this.describe(entry.name, config, entry, `${displayPath(this.inventory.file)}:${entry.line}`));
    }
    const problems: ConfigProblem[] = [...config.problems, ...inventory.problems];
    this.snapshot = { config, entries, list: { hosts, problems, sshConfigFiles: files, inventoryFile: this.inventory.file } };
    return this.snapshot;
  }

  private describe(id: string, config: SshConfigResult, entry: InventoryEntry | undefined, definedAt: string): Host {
    const options = this.options(id, config, entry);
    const inConfig = config.hosts.some((h) => h.alias === id);
    const host: Host = {
      id,
      hostname: options.hostname,
      port: options.port,
      user: options.user,
      source: inConfig && entry ? 'both' : inConfig ? 'ssh-config' : 'inventory',
      definedAt,
      groups: entry?.groups ?? [],
      tags: entry?.tags ?? [],
      notes: entry?.notes ?? '',
    };
    if (options.proxyJump.length) host.proxyJump = options.proxyJump.map(jumpSpec).join(',');
    if (options.identitiesConfigured && options.identityFiles[0]) host.identityFile = displayPath(options.identityFiles[0]);
    return host;
  }

  /** The options OpenSSH would use for `id`, with the inventory's settings on top. */
  private options(id: string, config: SshConfigResult, entry: InventoryEntry | undefined): ResolvedSshOptions {
    const resolved = { ...config.resolve(id) };
    if (!entry) return resolved;
    if (entry.hostname) resolved.hostname = entry.hostname;
    if (entry.port) resolved.port = entry.port;
    if (entry.user) resolved.user = entry.user;
    if (entry.identityFile) {
      resolved.identityFiles = [expandHome(entry.identityFile, this.deps.home)];
      resolved.identitiesConfigured = true;
    }
    if (entry.proxyJump) resolved.proxyJump = entry.proxyJump === 'none' ? [] : parseJumps(entry.proxyJump);
    return resolved;
  }

  /** The SSH target for a host, jump hosts included. */
  target(hostId: string): SshTarget {
    const snapshot = this.current();
    if (!snapshot.list.hosts.some((h) => h.id === hostId)) {
      throw new WorkbenchError({ code: 'not-found', message: `no host "${hostId}" in ~/.ssh/config or the inventory` });
    }
    return this.targetFor(hostId, this.options(hostId, snapshot.config, snapshot.entries.get(hostId)), snapshot, 0);
  }

  private targetFor(hostId: string, options: ResolvedSshOptions, snapshot: Snapshot, depth: number): SshTarget {
    if (depth > 8) throw new WorkbenchError({ code: 'invalid-request', message: `ProxyJump chain for ${hostId} is longer than 8 hops (a loop?)` });
    if (options.proxyCommand && options.proxyJump.length === 0) {
      throw new WorkbenchError({ code: 'unavailable', message: `${hostId} uses ProxyCommand, which the workbench does not run; use ProxyJump instead`, where: hostId });
    }
    const target: SshTarget = { hostId, hop: hopOptions(hostId, options) };
    let via: SshTarget | undefined;
    // ProxyJump a,b: connect to a, through it to b, through b to the host. Each jump is resolved through the config too.
    for (const jump of options.proxyJump) {
      const jumpOptions = { ...this.options(jump.host, snapshot.config, snapshot.entries.get(jump.host)), proxyJump: [] };
      if (jump.user) jumpOptions.user = jump.user;
      if (jump.port) jumpOptions.port = jump.port;
      const hop: SshTarget = { hostId: jump.host, hop: hopOptions(jump.host, jumpOptions) };
      if (via) hop.via = via;
      via = hop;
    }
    if (via) target.via = via;
    void depth;
    return target;
  }

  /** Create or update an inventory host (the Hosts editor, cloud imports). */
  save(input: HostInput): Host {
    try {
      this.inventory.save(input);
    } catch (error) {
      throw new WorkbenchError({ code: 'io', message: (error as Error).message, where: this.inventory.file });
    }
    this.reload();
    return this.get(input.id)!;
  }

  handlers(connection: ConnectionContext): Handlers<Contract>['hosts'] {
    return {
      list: () => this.list(),
      changes: (_params, sink) => this.onChange(() => sink.emit({ reason: 'files changed' })),
      save: (input: HostInput) => {
        const saved = this.save(input);
        connection.log.info('host saved', { id: input.id });
        return saved;
      },
      remove: ({ id }) => {
        const removed = this.inventory.remove(id);
        if (removed) this.reload();
        return { removed };
      },
      importAnsible: ({ path: file }) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          throw new WorkbenchError({ code: 'io', message: `cannot read the inventory: ${(error as Error).message}`, where: file });
        }
        const parsed = parseAnsibleInventory(file, text);
        const inputs = parsed.hosts.map((h): HostInput => ({
          id: h.name,
          hostname: h.address,
          ...(h.port ? { port: h.port } : {}),
          ...(h.user ? { user: h.user } : {}),
          groups: h.groups,
          tags: ['ansible'],
          notes: '',
        }));
        const { added, skipped } = this.inventory.addMany(inputs);
        this.reload();
        return { added, skipped, problems: parsed.problems };
      },
    };
  }

  dispose(): void {
    this.listeners.clear();
  }
}

function hopOptions(id: string, o: ResolvedSshOptions): HopOptions {
  return {
    label: `${o.user}@${id}${id === o.hostname ? '' : ` (${o.hostname}${o.port === 22 ? '' : `:${o.port}`})`}`,
    hostname: o.hostname,
    port: o.port,
    user: o.user,
    identityFiles: o.identityFiles,
    identitiesOnly: o.identitiesOnly,
    knownHostsFiles: o.userKnownHostsFiles,
    strictHostKeyChecking: o.strictHostKeyChecking,
    hashKnownHosts: o.hashKnownHosts,
    keepaliveIntervalMs: (o.serverAliveInterval > 0 ? o.serverAliveInterval : DEFAULT_KEEPALIVE_S) * 1000,
    keepaliveCountMax: o.serverAliveCountMax,
    connectTimeoutMs: (o.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_S) * 1000,
    forwardAgent: o.forwardAgent,
    hostKeyAlias: o.hostKeyAlias,
    authMethods: authMethods(o.raw),
  };
}

/** PreferredAuthentications, without the methods the config switches off. */
function authMethods(raw: Record<string, string | string[]>): AuthMethodName[] {
  const value = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string).toLowerCase() : undefined);
  const preferred = value('preferredauthentications')?.split(',').map((m) => m.trim()) ?? DEFAULT_AUTH_METHODS;
  const off = new Set<string>();
  if (value('pubkeyauthentication') === 'no') off.add('publickey');
  if (value('kbdinteractiveauthentication') === 'no' || value('challengeresponseauthentication') === 'no') off.add('keyboard-interactive');
  if (value('passwordauthentication') === 'no') off.add('password');
  return preferred.filter((m): m is AuthMethodName => (DEFAULT_AUTH_METHODS as string[]).includes(m) && !off.has(m));
}

function jumpSpec(j: { user?: string | undefined; host: string; port?: number | undefined }): string {
  return `${j.user ? `${j.user}@` : ''}${j.host}${j.port ? `:${j.port}` : ''}`;
}

/** "user@host:port,host2" as OpenSSH reads ProxyJump. */
export function parseJumps(value: string): Array<{ user?: string; host: string; port?: number }> {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((spec) => {
      const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
      if (!match) return { host: spec };
      const out: { user?: string; host: string; port?: number } = { host: match[2]!.replace(/^\[|\]$/g, '') };
      if (match[1]) out.user = match[1];
      if (match[3]) out.port = Number(match[3]);
      return out;
    });
}

function expandHome(file: string, home: string): string {
  return file === '~' ? home : file.startsWith('~/') ? path.join(home, file.slice(2)) : file;
}
