// The cloud service against the EC2 test endpoint, through the real AWS SDK
// (SigV4-signed Query API requests, XML answers, paging, state machines).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../../../e2e/fixtures/cloud';
import type { InstancesEvent, Schedule } from '../../../shared/contract/cloud';
import type { HostInput } from '../../../shared/contract/hosts';
import { DisposableStore, toDisposable } from '../../../shared/lib/disposable';
import { createLogger } from '../log';
import type { ConnectionContext, StreamSink } from '../rpc/types';
import { RunHistory } from '../store/history';
import { createEc2Client, listInstances } from './ec2';
import { CloudService } from './service';

const log = createLogger('cloud-test', 'error');
const connection: ConnectionContext = { id: 1, disposables: new DisposableStore(), log };
let endpoint: Ec2Endpoint;
let dir: string;
let env: NodeJS.ProcessEnv;
const ids: Record<string, string> = {};

beforeAll(async () => {
  endpoint = await startEc2Endpoint({ transitionMs: 300, pageSize: 3, credentials: [{ accessKeyId: 'AKIATESTADMIN0000001', secretAccessKey: 'admin-secret' }, { accessKeyId: 'AKIATESTLIMITED00001', secretAccessKey: 'limited-secret', deny: ['TerminateInstances', 'StopInstances'] }] });
  dir = mkdtempSync(path.join(os.tmpdir(), 'cloud-service-test-'));
  const files = await endpoint.writeAwsConfig(dir, [
    { name: 'default', region: 'us-east-1', accessKeyId: 'AKIATESTADMIN0000001', secretAccessKey: 'admin-secret' },
    { name: 'limited', region: 'us-east-1', accessKeyId: 'AKIATESTLIMITED00001', secretAccessKey: 'limited-secret' },
  ]);
  env = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
  for (let i = 1; i <= 7; i++) ids[`web-${i}`] = endpoint.addInstance({ region: 'us-east-1', name: `web-${i}`, tags: { env: i <= 2 ? 'dev' : 'prod' } });
  ids['eu-1'] = endpoint.addInstance({ region: 'eu-west-1', name: 'eu-1', tags: { env: 'dev' }, state: 'stopped' });
  ids['ssh-1'] = endpoint.addInstance({ region: 'eu-west-1', name: 'ssh box', publicIp: '127.0.0.1', tags: { 'ssh-port': '2222' } });
}, 30_000);

afterAll(async () => {
  await endpoint?.stop();
});

function service(hosts: HostInput[] = []) {
  const history = new RunHistory(mkdtempSync(path.join(os.tmpdir(), 'cloud-history-')));
  const cloud = new CloudService({
    settings: () => ({ regions: ['us-east-1'], pollSeconds: 60, requestTimeoutMs: 5000 }),
    log,
    home: dir,
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'cloud-data-')),
    history,
    hosts: {
      list: () => ({ hosts: hosts.map((h) => ({ ...h, source: 'inventory' })) as never, problems: [], sshConfigFiles: [], inventoryFile: '' }),
      save: (input: HostInput) => {
        hosts.push(input);
        return input as never;
      },
    },
    env,
  });
  return { cloud, h: cloud.handlers(connection), history, hosts };
}

function watch(h: ReturnType<typeof service>['h'], regions: string[], profile = 'default') {
  const events: InstancesEvent[] = [];
  const abort = new AbortController();
  const sink: StreamSink<InstancesEvent> = { emit: (e) => events.push(e), end: () => {}, signal: abort.signal, paused: false, onPressure: () => toDisposable(() => {}) };
  const handle = h.instances({ profile, regions }, sink, connection) as { dispose(): void };
  const latest = (region: string) => events.filter((e): e is Extract<InstancesEvent, { type: 'region' }> => e.type === 'region' && e.region === region).at(-1)?.instances;
  return { events, latest, stop: () => (abort.abort(), handle.dispose()) };
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 8000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('CloudService against the EC2 test endpoint', () => {
  it('lists profiles with their endpoint, and every instance of two regions across pages', async () => {
    const { h, cloud } = service();
    const profiles = await h.profiles({}, connection);
    expect(profiles.profiles.map((p) => [p.name, p.kind, p.endpointUrl])).toEqual([
      ['default', 'static', endpoint.url],
      ['limited', 'static', endpoint.url],
    ]);
    const w = watch(h, ['us-east-1', 'eu-west-1']);
    const us = await until('us-east-1', () => w.latest('us-east-1'));
    const eu = await until('eu-west-1', () => w.latest('eu-west-1'));
    expect(us.map((i) => i.name).sort()).toEqual(['web-1', 'web-2', 'web-3', 'web-4', 'web-5', 'web-6', 'web-7']);
    expect(eu.map((i) => i.name).sort()).toEqual(['eu-1', 'ssh box']);
    expect(us[0]).toMatchObject({ region: 'us-east-1', state: 'running', type: expect.any(String) });
    w.stop();
    cloud.dispose();
  });

  it('follows NextToken through every page', async () => {
    const client = createEc2Client({ files: { configFile: env.AWS_CONFIG_FILE!, credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE! }, profile: 'default', region: 'us-east-1', endpoint: endpoint.url, timeoutMs: 5000 });
    const before = endpoint.requests().length;
    const all = await listInstances(client, 'us-east-1', [], undefined, 5);
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect(endpoint.requests().slice(before).filter((r) => r.action === 'DescribeInstances').length).toBe(Math.ceil(all.length / 5));
    client.destroy();
  });

  it('stops an instance and sees it reach stopped, polling fast while it changes; the action is in the history', async () => {
    const { h, cloud } = service();
    const w = watch(h, ['us-east-1']);
    await until('list', () => w.latest('us-east-1'));
    const result = await h.act({ profile: 'default', region: 'us-east-1', action: 'stop', instanceIds: [ids['web-3']!] }, connection);
    expect(result.changes).toEqual([{ id: ids['web-3'], previous: 'running', current: 'stopping' }]);
    await until('stopped', () => w.latest('us-east-1')?.find((i) => i.id === ids['web-3'] && i.state === 'stopped'));
    expect(w.events.some((e) => e.type === 'next' && e.inMs <= 10_000)).toBe(true);
    const history = await h.history({ limit: 10 }, connection);
    expect(history.entries[0]).toMatchObject({ action: 'stop', instanceId: ids['web-3'], instanceName: 'web-3', by: 'manual', ok: true, detail: 'running → stopping' });
    await h.act({ profile: 'default', region: 'us-east-1', action: 'start', instanceIds: [ids['web-3']!] }, connection);
    w.stop();
    cloud.dispose();
  });

  it('shows a denied action with its AWS code, and records the failure', async () => {
    const { h, cloud } = service();
    await expect(h.act({ profile: 'limited', region: 'us-east-1', action: 'stop', instanceIds: [ids['web-4']!] }, connection)).rejects.toMatchObject({
      code: 'permission-denied',
      message: expect.stringMatching(/^UnauthorizedOperation: You are not authorized/),
    });
    expect((await h.history({ limit: 1 }, connection)).entries[0]).toMatchObject({ ok: false, detail: expect.stringMatching(/^UnauthorizedOperation/) });
    cloud.dispose();
  });

  it('terminates only with the instance\'s name typed', async () => {
    const { h, cloud } = service();
    const victim = endpoint.addInstance({ region: 'us-east-1', name: 'scratch' });
    await expect(h.act({ profile: 'default', region: 'us-east-1', action: 'terminate', instanceIds: [victim], confirm: 'scrat' }, connection)).rejects.toMatchObject({ field: 'confirm' });
    const done = await h.act({ profile: 'default', region: 'us-east-1', action: 'terminate', instanceIds: [victim], confirm: 'scratch' }, connection);
    expect(done.changes[0]!.current).toBe('shutting-down');
    cloud.dispose();
  });

  it('previews and runs a schedule: outside its hours, tagged instances stop', async () => {
    const { h, cloud } = service();
    // A schedule whose running window is never now: every env=dev instance should be stopped.
    const now = new Date();
    const hour = (now.getUTCHours() + 12) % 24;
    const pad = (n: number) => String(n).padStart(2, '0');
    const schedule: Omit<Schedule, 'id'> = { name: 'dev hours', profile: 'default', regions: ['us-east-1', 'eu-west-1'], tagKey: 'env', tagValue: 'dev', days: [0, 1, 2, 3, 4, 5, 6], start: `${pad(hour)}:00`, end: `${pad((hour + 1) % 24)}:00`, timezone: 'UTC', enabled: true };
    const preview = await h.preview(schedule, connection);
    expect(preview.shouldRun).toBe(false);
    expect(preview.wouldStop.map((i) => i.name).sort()).toEqual(['web-1', 'web-2']);
    expect(preview.wouldStart).toEqual([]);
    expect(preview.nextChangeAt).toBeGreaterThan(Date.now());
    const saved = await h.saveSchedule(schedule, connection);
    const run = await h.runSchedule({ id: saved.id }, connection);
    expect(run.errors).toEqual([]);
    expect(run.changes.map((c) => c.current)).toEqual(['stopping', 'stopping']);
    expect(endpoint.instance(ids['web-1']!)?.state).toMatch(/stopping|stopped/);
    const history = await h.history({ limit: 5 }, connection);
    expect(history.entries.filter((e) => e.by === 'schedule: dev hours')).toHaveLength(2);
    cloud.dispose();
  });

  it('imports instances into the fleet with their address, user and ssh-port tag', async () => {
    const { h, cloud, hosts } = service();
    const result = await h.import({ profile: 'default', region: 'eu-west-1', instanceIds: [ids['ssh-1']!, ids['eu-1']!], address: 'public', user: 'ec2-user', port: 22, identityFile: '~/.ssh/id_ed25519' }, connection);
    expect(result.added).toEqual(['ssh-box']);
    expect(result.skipped).toEqual([{ id: ids['eu-1'], reason: 'no public address (it is stopped)' }]);
    expect(hosts[0]).toMatchObject({ id: 'ssh-box', hostname: '127.0.0.1', port: 2222, user: 'ec2-user', tags: ['aws', 'eu-west-1', ids['ssh-1']] });
    const again = await h.import({ profile: 'default', region: 'eu-west-1', instanceIds: [ids['ssh-1']!], address: 'public', user: 'ec2-user', port: 22 }, connection);
    expect(again.skipped[0]!.reason).toBe('already in the fleet as ssh-box');
    cloud.dispose();
  });
});
