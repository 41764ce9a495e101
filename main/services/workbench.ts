// The composition root both hosts share: it creates the services once and
// serves each renderer connection from them. The Electron host and the web
// host differ only in the carrier they hand to `connect`.
import path from 'node:path';
import { contract, type Contract } from '../../shared/contract';
import type { ContractShape } from '../../shared/contract/define';
import type { ServerCarrier } from '../../shared/rpc/protocol';
import type { Logger } from './log';
import { RpcConnection, type RpcConnectionOptions } from './rpc/server';
import type { ConnectionContext, Handlers } from './rpc/types';
import { SettingsStore } from './store';
import { TerminalService } from './terminals';

export interface WorkbenchEnv {
  host: 'desktop' | 'web';
  version: string;
  dataDir: string;
  log: Logger;
  /** How this host opens a link outside the app; the web host lets the browser do it. */
  openExternal(url: string): Promise<boolean>;
}

export class Workbench {
  readonly settings: SettingsStore;
  readonly terminals: TerminalService;
  private readonly connections = new Set<RpcConnection>();

  constructor(private readonly env: WorkbenchEnv) {
    this.settings = new SettingsStore(path.join(env.dataDir, 'settings.json'), env.log.child('settings'));
    this.settings.load();
    this.terminals = new TerminalService({ settings: () => this.settings.current.terminal, log: env.log.child('terminals') });
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
      },
      settings: {
        get: () => this.settings.state,
        update: (patch) => this.settings.update(patch),
      },
      terminals: this.terminals.handlers(connection),
    };
  }

  dispose(): void {
    for (const connection of [...this.connections]) connection.dispose();
    this.terminals.dispose();
  }
}
