import type { StateCreator } from 'zustand';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { FleetAlert, HealthEvent, HealthSample, HostHealth, RunEvent, RunSummary } from '../../../../shared/contract/fleet';
import type { Subscription } from '../../../../shared/rpc/api';
import type { AppState } from '../../../app/store';
import { api } from '../../../transport/current';

export type HostsTab = 'list' | 'health' | 'runs';

export interface HostRun {
  status: 'queued' | 'running' | 'ok' | 'failed' | 'unreachable' | 'cancelled';
  output: string;
  truncated: boolean;
  exitCode: number | null;
  signal: string | null;
  durationMs: number | null;
  error: string | null;
}

export interface LiveRun {
  runId: number | undefined;
  command: string;
  hostIds: string[];
  hosts: Record<string, HostRun>;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  startedAt: number;
  durationMs: number | undefined;
  outputCapKb: number;
  error?: string;
}

export interface FleetSlice {
  hostsTab: HostsTab;
  monitoring: boolean;
  health: Record<string, HostHealth>;
  samples: Record<string, HealthSample[]>;
  alerts: FleetAlert[];
  sweep: { at: number; durationMs: number; hosts: number; intervalS: number; paused: boolean } | undefined;
  healthLayout: 'table' | 'grid';
  healthSort: { key: string; dir: 1 | -1 };
  run: LiveRun | undefined;
  runHistory: RunSummary[];
  setHostsTab(tab: HostsTab): void;
  /** Start watching health (once per session; main then sweeps while a window watches). */
  startMonitoring(): void;
  setHealthLayout(layout: 'table' | 'grid'): void;
  sortHealth(key: string): void;
  sweepNow(): Promise<void>;
  startRun(command: string, hostIds: string[]): void;
  cancelRun(): void;
  loadRunHistory(): Promise<void>;
}

const HOUR = 3600_000;
let healthSub: Subscription | undefined;
let runSub: Subscription | undefined;
/** Run output can be chatty: events gather here and reach the store at most once a frame. */
let pendingRun: RunEvent[] = [];
let runFrame = 0;

export const createFleetSlice: StateCreator<AppState, [], [], FleetSlice> = (set, get) => {
  const applyHealth = (event: HealthEvent) => {
    set((s) => {
      const health = { ...s.health };
      for (const h of event.hosts) health[h.hostId] = h;
      let samples = s.samples;
      if (event.type === 'snapshot') samples = event.history;
      else {
        samples = { ...s.samples };
        const cutoff = Date.now() - HOUR;
        for (const [id, sample] of Object.entries(event.samples)) samples[id] = [...(samples[id] ?? []).filter((p) => p.t >= cutoff), sample];
      }
      return { health, samples, alerts: event.alerts, sweep: event.sweep ?? s.sweep };
    });
  };

  const applyRun = () => {
    runFrame = 0;
    const events = pendingRun;
    pendingRun = [];
    set((s) => {
      if (!s.run) return {};
      const run: LiveRun = { ...s.run, hosts: { ...s.run.hosts } };
      const host = (id: string) => (run.hosts[id] = { ...(run.hosts[id] ?? emptyHost()) });
      for (const e of events) {
        switch (e.type) {
          case 'started':
            run.runId = e.runId;
            run.outputCapKb = e.outputCapKb;
            break;
          case 'host-started':
            host(e.hostId).status = 'running';
            break;
          case 'output':
            host(e.hostId).output += e.data;
            break;
          case 'truncated':
            host(e.hostId).truncated = true;
            break;
          case 'host-finished': {
            const h = host(e.hostId);
            h.status = e.status;
            h.exitCode = e.exitCode;
            h.signal = e.signal;
            h.durationMs = e.durationMs;
            h.error = e.error;
            break;
          }
          case 'finished':
            run.state = e.status;
            run.durationMs = e.durationMs;
            break;
        }
      }
      return { run };
    });
  };

  return {
    hostsTab: 'list',
    monitoring: false,
    health: {},
    samples: {},
    alerts: [],
    sweep: undefined,
    healthLayout: 'table',
    healthSort: { key: 'host', dir: 1 },
    run: undefined,
    runHistory: [],

    setHostsTab(tab) {
      set({ hostsTab: tab, activeView: 'hosts' });
      if (tab === 'health') get().startMonitoring();
      if (tab === 'runs') void get().loadRunHistory();
    },

    startMonitoring() {
      if (healthSub) return;
      set({ monitoring: true });
      healthSub = api().fleet.health({}, { onEvent: applyHealth, onEnd: () => { healthSub = undefined; set({ monitoring: false }); } });
    },

    setHealthLayout: (healthLayout) => set({ healthLayout }),
    sortHealth: (key) => set((s) => ({ healthSort: { key, dir: s.healthSort.key === key ? (-s.healthSort.dir as 1 | -1) : 1 } })),

    async sweepNow() {
      await api().fleet.sweepNow({}).catch((error: unknown) => get().pushToast(describeError(WorkbenchError.from(error).toData())));
    },

    startRun(command, hostIds) {
      runSub?.close();
      pendingRun = [];
      set({
        run: { runId: undefined, command, hostIds, hosts: Object.fromEntries(hostIds.map((id) => [id, emptyHost()])), state: 'running', startedAt: Date.now(), durationMs: undefined, outputCapKb: 0 },
        hostsTab: 'runs',
        activeView: 'hosts',
      });
      const sub = api().fleet.run(
        { command, hostIds },
        {
          onEvent: (event) => {
            pendingRun.push(event);
            if (event.type === 'output') sub.ack(event.data.length);
            else sub.ack(1);
            runFrame ||= requestAnimationFrame(applyRun);
          },
          onEnd: (error) => {
            if (runFrame) cancelAnimationFrame(runFrame);
            applyRun();
            if (runSub === sub) runSub = undefined;
            if (error) set((s) => (s.run ? { run: { ...s.run, state: 'failed', error: describeError(error) } } : {}));
            void get().loadRunHistory();
          },
        },
      );
      runSub = sub;
    },

    cancelRun() {
      runSub?.close();
      runSub = undefined;
      set((s) => {
        if (!s.run) return {};
        const hosts = Object.fromEntries(Object.entries(s.run.hosts).map(([id, h]) => [id, h.status === 'running' || h.status === 'queued' ? { ...h, status: 'cancelled' as const } : h]));
        return { run: { ...s.run, hosts, state: 'cancelled' } };
      });
      setTimeout(() => void get().loadRunHistory(), 3000);
    },

    async loadRunHistory() {
      try {
        const { runs } = await api().fleet.history({ limit: 50 });
        set({ runHistory: runs });
      } catch (error) {
        get().pushToast(`Run history: ${describeError(WorkbenchError.from(error).toData())}`);
      }
    },
  };
};

function emptyHost(): HostRun {
  return { status: 'queued', output: '', truncated: false, exitCode: null, signal: null, durationMs: null, error: null };
}
