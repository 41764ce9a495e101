// The composition root both hosts share: it creates the services once and
// serves each renderer connection from them. The Electron host and the web
// host differ only in the carrier they hand to `connect`.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract, type Contract } from '../../shared/contract';
import type { ContractShape } from '../../shared/contract/define';
import type { ServerCarrier } from '../../shared/rpc/protocol';
import type { Logger } from './log';
import { RpcConnection, type RpcConnectionOptions } from './rpc/server';
import type { ConnectionContext, Handlers } from './rpc/types';
import { HostsService } from './fleet/hosts-service';
import { SnippetStore } from './fleet/snippets';
import { FleetService } from './fleet/fleet-service';
import { RunHistory } from './store/history';
import { SshService } from './ssh';
import { ForwardService } from './ssh/forwards';
import { SftpService } from './ssh/sftp-service';
import { SettingsStore } from './store';
import { EncryptedFileSecretStore, fileKeyCipher, type SecretCipher, type SecretStore } from './store/secrets';
import { TerminalService } from './terminals';
import { KubeService } from './kube/service';
import { CloudService } from './cloud/service';
import { LogService } from './logs/service';
import { startSource } from './logs/sources';
import { DeployService } from './deploy/service';

export interface WorkbenchEnv {
  host: 'desktop' | 'web';
  version: string;
  dataDir: string;
  log: Logger;
  /** How this host opens a link outside the app; the web host lets the browser do it. */
  openExternal(url: string): Promise<boolean>;
  /** How secrets are sealed: the OS keychain on the desktop, a 0600 key file in the web host (default). */
  secretCipher?: SecretCipher;
  /** The user's home (where ~/.ssh is); defaults to os.homedir(). */
  home?: string;
  /** The example recipes shipped with the app; defaults to the source tree's (tests, benchmarks). */
  deployExamplesDir?: string;
}

/** The examples in the source tree, when running from it (tests, benchmarks, `npm start`). */
function sourceExamplesDir(): string | undefined {
  const dir = path.resolve(process.env.WORKBENCH_ROOT ?? process.cwd(), 'main', 'services', 'deploy', 'examples');
  return existsSync(dir) ? dir : undefined;
}

export class Workbench {
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly hosts: HostsService;
  readonly ssh: SshService;
  readonly terminals: TerminalService;
  readonly sftp: SftpService;
  readonly forwards: ForwardService;
  readonly snippets: SnippetStore;
  readonly history: RunHistory | undefined;
  readonly fleet: FleetService;
  readonly kube: KubeService;
  readonly cloud: CloudService;
  readonly logs: LogService;
  readonly deploy: DeployService;
  private readonly connections = new Set<RpcConnection>();
  private stopWatching: { dispose(): void };

  constructor(private readonly env: WorkbenchEnv) {
    const home = env.home ?? os.homedir();
    this.settings = new SettingsStore(path.join(env.dataDir, 'settings.json'), env.log.child('settings'));
    this.settings.load();
    this.secrets = new EncryptedFileSecretStore(env.dataDir, env.secretCipher ?? fileKeyCipher(env.dataDir));
    this.hosts = new HostsService({
      dataDir: env.dataDir,
      home,
      log: env.log.child('hosts'),
      sshConfigFiles: () => [
        path.join(home, '.ssh', 'config'),
        ...this.settings.current.ssh.configFiles,
        ...(process.env.WORKBENCH_SSH_CONFIG ?? '').split(path.delimiter).filter(Boolean),
      ],
    });
    this.stopWatching = this.hosts.watch();
    // A changed list of ssh config files changes the hosts, and what to watch.
    let configFiles = this.settings.current.ssh.configFiles.join('\n');
    this.settings.onChange((settings) => {
      if (settings.ssh.configFiles.join('\n') === configFiles) return;
      configFiles = settings.ssh.configFiles.join('\n');
      this.stopWatching.dispose();
      this.stopWatching = this.hosts.watch();
      this.hosts.reload();
    });
    this.ssh = new SshService({
      secrets: this.secrets,
      log: env.log.child('ssh'),
      settings: () => this.settings.current.ssh,
      target: (hostId) => this.hosts.target(hostId),
    });
    this.sftp = new SftpService(this.ssh);
    this.forwards = new ForwardService(this.ssh, env.log.child('forwards'));
    this.snippets = new SnippetStore(env.dataDir);
    try {
      this.history = new RunHistory(env.dataDir);
    } catch (error) {
      // Without SQLite the app still works; only the history is missing, and says so when asked.
      env.log.error('run history unavailable', { error: String(error) });
      this.history = undefined;
    }
    this.fleet = new FleetService({
      ssh: this.ssh,
      history: this.history,
      hostIds: () => this.hosts.list().hosts.map((h) => h.id),
      settings: () => this.settings.current.fleet,
      log: env.log.child('fleet'),
    });
    this.kube = new KubeService({ settings: () => this.settings.current.kube, log: env.log.child('kube'), home });
    this.kube.warmUp();
    this.cloud = new CloudService({
      settings: () => this.settings.current.cloud,
      log: env.log.child('cloud'),
      home,
      dataDir: env.dataDir,
      history: this.history,
      hosts: this.hosts,
    });
    this.cloud.startScheduler();
    const logSources = env.log.child('log-sources');
    this.logs = new LogService({
      settings: () => this.settings.current.logs,
      log: env.log.child('logs'),
      startSource: (spec, sink) => startSource(spec, { ssh: this.ssh, kube: this.kube, log: logSources, tailLines: this.settings.current.logs.tailLines }, sink),
    });
    this.deploy = new DeployService({
      dataDir: env.dataDir,
      examplesDir: env.deployExamplesDir ?? sourceExamplesDir(),
      settings: () => this.settings.current.deploy,
      hosts: this.hosts,
      ssh: this.ssh,
      kube: this.kube,
      secrets: this.secrets,
      // Gates watch only what is written from now on: no backlog.
      startLogSource: (spec, sink) => startSource(spec, { ssh: this.ssh, kube: this.kube, log: logSources, tailLines: 0 }, sink),
      log: env.log.child('deploy'),
    });
    this.terminals = new TerminalService({
      settings: () => this.settings.current.terminal,
      log: env.log.child('terminals'),
      createSsh: (hostId, size, connection) => this.ssh.openShell(hostId, size, connection),
      createPod: (request) => this.kube.openPodSession(request),
    });
  }

  /** Serve one renderer over `carrier` until it closes. */
  connect(carrier: ServerCarrier, options?: RpcConnectionOptions): RpcConnection {
    const connection = new RpcConnection(
      contract,
      (ctx) => this.handlers(ctx) as unknown as Handlers<ContractShape>,
      carrier,
      this.env.log,
      options,
    );
    this.connections.add(connection);
    carrier.onClose(() => this.connections.delete(connection));
    return connection;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  private handlers(connection: ConnectionContext): Handlers<Contract> {
    return {
      app: {
        info: () => ({
          host: this.env.host,
          version: this.env.version,
          platform: process.platform,
          dataDir: this.env.dataDir,
          notices: this.settings.state.notices,
        }),
        openExternal: async ({ url }) => ({ opened: await this.env.openExternal(url) }),
        diagnostics: () => {
          // Collect first where the runtime allows it (--expose-gc), so figures are what is held, not garbage.
          (globalThis as { gc?: () => void }).gc?.();
          const memory = process.memoryUsage();
          const mb = (bytes: number) => Math.round((bytes / 1048576) * 100) / 100;
          return {
            rssMb: mb(memory.rss),
            heapUsedMb: mb(memory.heapUsed),
            externalMb: mb(memory.external),
            terminals: this.terminals.count,
            sshConnections: this.ssh.pool.size,
            forwards: this.forwards.list().length,
            kube: this.kube.stats(),
            logs: this.logs.stats(),
            uptimeS: Math.round(process.uptime()),
          };
        },
      },
      settings: {
        get: () => this.settings.state,
        update: (patch) => this.settings.update(patch),
      },
      hosts: this.hosts.handlers(connection),
      ssh: this.ssh.handlers(connection),
      sftp: this.sftp.handlers(connection),
      forwards: this.forwards.handlers(connection),
      snippets: this.snippets.handlers(),
      fleet: this.fleet.handlers(connection),
      kube: this.kube.handlers(connection),
      cloud: this.cloud.handlers(connection),
      logs: this.logs.handlers(connection),
      deploy: this.deploy.handlers(connection),
      terminals: this.terminals.handlers(connection),
    };
  }

  dispose(): void {
    for (const connection of [...this.connections]) connection.dispose();
    this.terminals.dispose();
    this.fleet.dispose();
    this.logs.dispose();
    this.deploy.dispose();
    this.kube.dispose();
    this.cloud.dispose();
    this.history?.close();
    this.forwards.dispose();
    this.ssh.dispose();
    this.stopWatching.dispose();
    this.hosts.dispose();
  }
}
