// Fleet health and bulk runs against 20 real sshd hosts (all on this machine,
// so their figures are this machine's /proc).
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { renderKnownHosts, renderSshConfig, startFleet, type Fleet } from '../../../e2e/fixtures/ssh/fleet';
import { generateClientKeys } from '../../../e2e/fixtures/ssh/keys';
import type { HealthEvent, RunEvent } from '../../../shared/contract/fleet';
import { startHarness, type Harness } from '../ssh/test/harness';

let fleet: Fleet;
let h: Harness;
const N = 20;

beforeAll(async () => {
  const keys = await generateClientKeys(mkdtempSync(path.join(os.tmpdir(), 'wb-fleet-keys-')));
  fleet = await startFleet(N, { authorizedKeys: [keys.plain.publicKey], prefix: 'node' });
  h = startHarness();
  h.workbench.settings.update({ fleet: { intervalS: 2, timeoutS: 3, outputCapKb: 64 } });
  const knownHostsFile = path.join(h.sshDir, 'known_hosts');
  writeFileSync(knownHostsFile, renderKnownHosts(fleet.hosts));
  writeFileSync(path.join(h.sshDir, 'config'), renderSshConfig(fleet.hosts.map((x) => ({ name: x.name, host: x.host, port: x.port })), { user: os.userInfo().username, knownHostsFile, identityFile: keys.plain.privateKeyPath }));
  h.workbench.hosts.reload();
}, 60_000);
afterAll(async () => {
  h.close();
  await fleet.stop();
});

function watchHealth() {
  const events: HealthEvent[] = [];
  const sub = h.api.fleet.health({}, { onEvent: (e) => events.push(e) });
  const sweeps = () => events.filter((e): e is HealthEvent & { type: 'sweep' } => e.type === 'sweep');
  return { events, sweeps, close: () => sub.close() };
}

function run(command: string, hostIds: string[], cancelWhen?: (events: RunEvent[]) => boolean) {
  return new Promise<RunEvent[]>((resolve) => {
    const events: RunEvent[] = [];
    const sub = h.api.fleet.run({ command, hostIds }, { onEvent: (e) => events.push(e), onEnd: () => resolve(events) });
    if (!cancelWhen) return;
    // Checked on a timer: a running `sleep` sends no events to check on.
    const poll = setInterval(() => {
      if (!cancelWhen(events)) return;
      clearInterval(poll);
      sub.close();
      // The subscription is gone: give the remote kill (TERM, then KILL after 2 s) time, then report.
      setTimeout(() => resolve(events), 4000);
    }, 100);
  });
}

describe('fleet health', () => {
  it('shows every host with figures that match this machine, and CPU from the second sweep', async () => {
    const watch = watchHealth();
    await expect.poll(() => watch.sweeps().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const [first, second] = watch.sweeps();
    expect(first!.hosts).toHaveLength(N);
    expect(first!.hosts.every((x) => ['ok', 'warn', 'crit'].includes(x.status))).toBe(true);
    const one = second!.hosts[0]!;
    expect(one.cores).toBe(os.cpus().length);
    expect(one.kernel).toBe(os.release());
    expect(Math.abs(one.uptimeS! - os.uptime())).toBeLessThan(10);
    const meminfo = readFileSync('/proc/meminfo', 'utf8');
    const total = Number(/MemTotal:\s+(\d+)/.exec(meminfo)![1]);
    const available = Number(/MemAvailable:\s+(\d+)/.exec(meminfo)![1]);
    expect(Math.abs(one.memPct! - ((total - available) / total) * 100)).toBeLessThan(10);
    expect(one.cpuPct).toBeGreaterThanOrEqual(0);
    expect(one.disk?.mount).toMatch(/^\//);
    expect(one.rttMs).toBeGreaterThan(0);
    expect(Object.keys(second!.samples)).toHaveLength(N);
    watch.close();
  });

  it('marks a stopped host unreachable within one interval while the others keep updating, and clears it when back', async () => {
    const victim = fleet.hosts[3]!;
    const watch = watchHealth();
    await expect.poll(() => watch.sweeps().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await victim.crash();
    const crashedAt = Date.now();
    await expect.poll(() => watch.sweeps().at(-1)?.hosts.find((x) => x.hostId === victim.name)?.status, { timeout: 10_000 }).toBe('unreachable');
    // Within one interval (2 s) plus the sweep itself.
    expect(Date.now() - crashedAt).toBeLessThan(2000 + 3000 + 1000);
    const last = watch.sweeps().at(-1)!;
    expect(last.hosts.filter((x) => x.hostId !== victim.name).every((x) => x.status !== 'unreachable' && x.lastSeen! >= crashedAt - 100)).toBe(true);
    expect(last.alerts).toContainEqual(expect.objectContaining({ hostId: victim.name, kind: 'unreachable', level: 'crit' }));
    const since = last.alerts.find((a) => a.hostId === victim.name)!.since;
    await victim.restart();
    await expect.poll(() => watch.sweeps().at(-1)?.hosts.find((x) => x.hostId === victim.name)?.status, { timeout: 15_000 }).not.toBe('unreachable');
    expect(watch.sweeps().at(-1)!.alerts.find((a) => a.hostId === victim.name && a.kind === 'unreachable')).toBeUndefined();
    expect(since).toBeLessThanOrEqual(Date.now());
    watch.close();
  });
});

describe('bulk runs', () => {
  const ids = () => fleet.hosts.map((x) => x.name);

  it('reports each host\'s exit code and output', async () => {
    const events = await run('c=$((RANDOM % 2)); echo "code=$c on $WB_HOST"; exit $c', ids());
    const finished = events.filter((e): e is RunEvent & { type: 'host-finished' } => e.type === 'host-finished');
    expect(finished).toHaveLength(N);
    const output = new Map<string, string>();
    for (const e of events) if (e.type === 'output') output.set(e.hostId, (output.get(e.hostId) ?? '') + e.data);
    for (const f of finished) {
      const printed = Number(/code=(\d) on (\S+)/.exec(output.get(f.hostId)!)![1]);
      expect(f.exitCode).toBe(printed);
      expect(f.status).toBe(printed === 0 ? 'ok' : 'failed');
      expect(output.get(f.hostId)).toContain(`on ${f.hostId}`);
    }
    const done = events.at(-1) as RunEvent & { type: 'finished' };
    expect(done).toMatchObject({ type: 'finished', status: 'done' });
    expect(done.counts.ok + done.counts.failed).toBe(N);
  });

  it('cancels: the remote processes stop on every host', async () => {
    // A duration no other run uses, so leftovers of another run cannot be mistaken for ours.
    const seconds = `617.${process.pid}`;
    const pattern = `[s]leep ${seconds}`;
    const events = await run(`sleep ${seconds}`, ids(), (e) => e.filter((x) => x.type === 'host-started').length === N && Number(execSync(`pgrep -fc "${pattern}" || true`, { encoding: "utf8" }).trim()) >= N);
    expect(execSync(`pgrep -f "${pattern}" || true`, { encoding: 'utf8' }).trim()).toBe('');
    expect(events.filter((e) => e.type === 'host-finished').length).toBeLessThanOrEqual(N);
  }, 60_000);

  it('caps each host\'s output and says so', async () => {
    const events = await run("head -c 200000 /dev/zero | tr '\\0' x", [ids()[0]!]);
    const kept = events.filter((e): e is RunEvent & { type: 'output' } => e.type === 'output').reduce((n, e) => n + e.data.length, 0);
    expect(kept).toBe(64 * 1024);
    expect(events).toContainEqual({ type: 'truncated', hostId: ids()[0] });
    expect(events.find((e) => e.type === 'host-finished')).toMatchObject({ status: 'ok' });
  });

  it('reports an unreachable host as such, and keeps every run in the history across a restart', async () => {
    const victim = fleet.hosts[7]!;
    await victim.crash();
    try {
      const events = await run('true', [victim.name, ids()[0]!]);
      expect(events.find((e) => e.type === 'host-finished' && e.hostId === victim.name)).toMatchObject({ status: 'unreachable', error: expect.stringMatching(/refused/) });
      const runId = (events[0] as RunEvent & { type: 'started' }).runId;
      const { runs } = await h.api.fleet.history({});
      expect(runs[0]).toMatchObject({ id: runId, command: 'true', counts: { ok: 1, unreachable: 1 } });
      // Reopen the history as a restarted app would.
      const { RunHistory } = await import('../store/history');
      const reopened = new RunHistory(h.dataDir);
      expect(reopened.list().map((r) => r.id)).toContain(runId);
      expect(reopened.get(runId)?.hosts.find((x) => x.hostId === victim.name)?.status).toBe('unreachable');
      reopened.close();
    } finally {
      await victim.restart();
    }
  });
});
