import type { Contract } from '../../../shared/contract';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { FleetSettings } from '../../../shared/contract/fleet';
import type { Logger } from '../log';
import type { ConnectionContext, Handlers } from '../rpc/types';
import type { SshService } from '../ssh';
import type { RunHistory } from '../store/history';
import { runOnHosts } from './bulk-run';
import { HealthMonitor } from './health-monitor';

export interface FleetServiceDeps {
  ssh: SshService;
  history: RunHistory | undefined;
  hostIds(): string[];
  settings(): FleetSettings;
  log: Logger;
}

/** Fleet health and bulk runs, for every window. */
export class FleetService {
  readonly monitor: HealthMonitor;

  constructor(private readonly deps: FleetServiceDeps) {
    this.monitor = new HealthMonitor({ ssh: deps.ssh, hostIds: deps.hostIds, settings: deps.settings, log: deps.log.child('health') });
  }

  handlers(_connection: ConnectionContext): Handlers<Contract>['fleet'] {
    return {
      health: (_params, sink) => {
        const now = this.monitor.snapshot();
        const settings = this.deps.settings();
        sink.emit({
          type: 'snapshot',
          hosts: now.hosts,
          history: now.history,
          alerts: now.alerts,
          sweep: now.last ? { at: now.last.at, durationMs: now.last.durationMs, hosts: now.last.hosts.length, intervalS: settings.intervalS, paused: settings.paused } : null,
        });
        return this.monitor.watch((result, alerts) => {
          const s = this.deps.settings();
          sink.emit({ type: 'sweep', hosts: result.hosts, samples: result.samples, alerts, sweep: { at: result.at, durationMs: result.durationMs, hosts: result.hosts.length, intervalS: s.intervalS, paused: s.paused } });
        });
      },
      sweepNow: async () => {
        await this.monitor.sweep();
        return {};
      },
      run: (request, sink) => {
        void runOnHosts(request, sink, { ssh: this.deps.ssh, history: this.deps.history, settings: this.deps.settings, log: this.deps.log.child('run') }).catch((error: unknown) =>
          sink.end(WorkbenchError.from(error, { call: 'fleet.run' })),
        );
      },
      history: ({ limit }) => {
        if (!this.deps.history) throw new WorkbenchError({ code: 'unavailable', message: 'run history is not available in this runtime (no node:sqlite)' });
        return { runs: this.deps.history.list(limit) };
      },
      historyRun: ({ id }) => {
        const found = this.deps.history?.get(id);
        if (!found) throw new WorkbenchError({ code: 'not-found', message: `no run #${id} in the history` });
        return found;
      },
    };
  }

  dispose(): void {
    this.monitor.dispose();
  }
}
