// Live health of every host: one probe per host per sweep over its pooled SSH
// connection, a limited number at once, each bounded by a timeout so a slow or
// dead host never delays the others. It sweeps only while someone watches,
// keeps the last hour per host for sparklines, and turns thresholds into
// alerts that remember when they started.
import type { FleetAlert, FleetSettings, HealthSample, HostHealth } from '../../../shared/contract/fleet';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';
import type { Logger } from '../log';
import type { SshService } from '../ssh';
import { execCommand } from '../ssh/exec';
import { cpuPercent, memoryPercent, parseProbe, PROBE_SCRIPT, type CpuTicks } from './probe';

export interface SweepResult {
  at: number;
  durationMs: number;
  hosts: HostHealth[];
  samples: Record<string, HealthSample>;
}

export interface HealthMonitorDeps {
  ssh: SshService;
  hostIds(): string[];
  settings(): FleetSettings;
  log: Logger;
}

type Listener = (result: SweepResult, alerts: FleetAlert[]) => void;

const HOUR_MS = 3600_000;

export class HealthMonitor {
  private readonly health = new Map<string, HostHealth>();
  private readonly history = new Map<string, HealthSample[]>();
  private readonly cpuTicks = new Map<string, CpuTicks>();
  private readonly alertSince = new Map<string, FleetAlert>();
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sweeping: Promise<SweepResult> | undefined;
  private last: SweepResult | undefined;

  constructor(private readonly deps: HealthMonitorDeps) {}

  /** Watch the fleet; the first watcher starts the sweeps, the last one to leave stops them. */
  watch(listener: Listener): Disposable {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.schedule(0);
    return toDisposable(() => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
    });
  }

  snapshot(): { hosts: HostHealth[]; history: Record<string, HealthSample[]>; alerts: FleetAlert[]; last: SweepResult | undefined } {
    const ids = new Set(this.deps.hostIds());
    return {
      hosts: [...this.health.values()].filter((h) => ids.has(h.hostId)),
      history: Object.fromEntries([...this.history].filter(([id]) => ids.has(id))),
      alerts: this.alerts(),
      last: this.last,
    };
  }

  alerts(): FleetAlert[] {
    return [...this.alertSince.values()].sort((a, b) => a.since - b.since);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const settings = this.deps.settings();
      if (settings.paused || this.listeners.size === 0) {
        if (this.listeners.size) this.schedule(1000); // look again soon: the user may resume
        return;
      }
      void this.sweep().finally(() => {
        if (this.listeners.size) this.schedule(this.deps.settings().intervalS * 1000);
      });
    }, delayMs);
    this.timer.unref?.();
  }

  /** One sweep over every host now (shared if one is already running). */
  sweep(): Promise<SweepResult> {
    this.sweeping ??= this.runSweep().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async runSweep(): Promise<SweepResult> {
    const settings = this.deps.settings();
    const ids = this.deps.hostIds();
    const started = Date.now();
    const samples: Record<string, HealthSample> = {};
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const health = await this.probe(id, settings);
        this.health.set(id, health);
        samples[id] = this.record(id, health);
      }
    };
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, ids.length) }, worker));
    this.updateAlerts(ids, settings);
    const result: SweepResult = { at: started, durationMs: Date.now() - started, hosts: ids.map((id) => this.health.get(id)!), samples };
    this.last = result;
    for (const listener of this.listeners) listener(result, this.alerts());
    return result;
  }

  private async probe(hostId: string, settings: FleetSettings): Promise<HostHealth> {
    const previous = this.health.get(hostId);
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), settings.timeoutS * 1000);
    let answered: Promise<{ output: string; rttMs: number }> | undefined;
    try {
      // The connection goes back to the pool when the probe settles, even one that outlives its timeout.
      answered = this.deps.ssh.withConnection(hostId, undefined, async (client) => {
        let output = '';
        let rttMs = 0;
        // Round trip: until sshd accepts the command, not the time the probe script takes to run.
        await execCommand(client, PROBE_SCRIPT, { onStdout: (d) => (output += d), signal: abort.signal, onAccepted: (ms) => (rttMs = ms) });
        return { output, rttMs };
      });
      answered.catch(() => {}); // when the timeout wins, this one's failure has nobody to tell
      const timedOut = new Promise<never>((_, reject) => abort.signal.addEventListener('abort', () => reject(new Error(`no answer within ${settings.timeoutS} s`)), { once: true }));
      const { output, rttMs } = await Promise.race([answered, timedOut]);
      const reading = parseProbe(output);
      if (!reading) return { hostId, status: 'unsupported', error: 'the probe did not run (no POSIX shell?)', flags: [], ...(previous?.lastSeen ? { lastSeen: previous.lastSeen } : {}) };
      if (!reading.supported) return { hostId, status: 'unsupported', error: `${reading.os || 'this system'} is not Linux: health needs /proc`, os: reading.os, kernel: reading.kernel, rttMs, lastSeen: Date.now(), flags: [] };
      const cpu = cpuPercent(this.cpuTicks.get(hostId), reading.cpu);
      this.cpuTicks.set(hostId, reading.cpu);
      const mem = memoryPercent(reading);
      const health: HostHealth = {
        hostId,
        status: 'ok',
        rttMs,
        uptimeS: reading.uptimeS,
        load: reading.load,
        cores: reading.cores,
        os: reading.os,
        kernel: reading.kernel,
        release: reading.release,
        lastSeen: Date.now(),
        flags: [],
      };
      if (cpu !== undefined) health.cpuPct = cpu;
      if (mem !== undefined) health.memPct = mem;
      if (reading.worstDisk) health.disk = reading.worstDisk;
      return judge(health, settings);
    } catch (error) {
      const e = error as { failure?: string; message?: string };
      const status = e.failure === 'auth' || e.failure?.startsWith('host-key') ? 'auth' : 'unreachable';
      const message = status === 'auth' ? `needs a login or a host key decision: ${e.message}` : (e.message ?? String(error));
      return { hostId, status, error: message, flags: [], ...(previous?.lastSeen ? { lastSeen: previous.lastSeen } : {}) };
    } finally {
      clearTimeout(timeout);
      abort.abort();
    }
  }

  private record(hostId: string, health: HostHealth): HealthSample {
    const sample: HealthSample = {
      t: Date.now(),
      cpu: health.cpuPct ?? null,
      mem: health.memPct ?? null,
      load: health.load && health.cores ? health.load[0] / health.cores : null,
      disk: health.disk?.usedPct ?? null,
      rtt: health.status === 'unreachable' ? null : (health.rttMs ?? null),
    };
    const points = this.history.get(hostId) ?? [];
    points.push(sample);
    while (points.length && points[0]!.t < sample.t - HOUR_MS) points.shift();
    this.history.set(hostId, points);
    return sample;
  }

  private updateAlerts(ids: string[], settings: FleetSettings): void {
    const now = Date.now();
    const active = new Set<string>();
    for (const id of ids) {
      const health = this.health.get(id);
      if (!health) continue;
      const raise = (kind: FleetAlert['kind'], level: FleetAlert['level'], detail: string) => {
        const key = `${id}:${kind}`;
        active.add(key);
        const existing = this.alertSince.get(key);
        // An alert keeps the time it started; only its level and detail follow the host.
        this.alertSince.set(key, { hostId: id, kind, level, detail, since: existing?.since ?? now });
      };
      if (health.status === 'unreachable') raise('unreachable', 'crit', health.error ?? 'no answer');
      for (const flag of health.flags) raise(flag.metric, flag.level, describe(flag.metric, health, settings));
    }
    for (const key of [...this.alertSince.keys()]) if (!active.has(key)) this.alertSince.delete(key);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }
}

/** Flags and status from the thresholds. */
function judge(health: HostHealth, settings: FleetSettings): HostHealth {
  const t = settings.thresholds;
  const check = (metric: 'load' | 'cpu' | 'mem' | 'disk', value: number | undefined) => {
    if (value === undefined) return;
    const level = value >= t[metric].crit ? 'crit' : value >= t[metric].warn ? 'warn' : undefined;
    if (level) health.flags.push({ metric, level });
  };
  check('load', health.load && health.cores ? health.load[0] / health.cores : undefined);
  check('cpu', health.cpuPct);
  check('mem', health.memPct);
  check('disk', health.disk?.usedPct);
  health.status = health.flags.some((f) => f.level === 'crit') ? 'crit' : health.flags.length ? 'warn' : 'ok';
  return health;
}

function describe(metric: 'load' | 'cpu' | 'mem' | 'disk', health: HostHealth, settings: FleetSettings): string {
  switch (metric) {
    case 'load':
      return `load ${health.load?.[0].toFixed(2)} on ${health.cores} cores (threshold ${settings.thresholds.load.warn}/core)`;
    case 'cpu':
      return `CPU ${health.cpuPct?.toFixed(0)}%`;
    case 'mem':
      return `memory ${health.memPct?.toFixed(0)}%`;
    case 'disk':
      return `disk ${health.disk?.usedPct}% on ${health.disk?.mount}`;
  }
}
