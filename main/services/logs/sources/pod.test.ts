// Pod and pods sources against the test API server (real HTTPS, real chunked
// log follows generated deterministically from the pod's uid and time).
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKubeApiServer, type KubeApiServer } from '../../../../e2e/fixtures/kube';
import type { KubeSettings } from '../../../../shared/contract/kube';
import { KubeService } from '../../kube/service';
import { createLogger } from '../../log';
import type { SshService } from '../../ssh';
import { startSource, type LogSourceHandle, type SourceDeps } from './index';
import { splitKubeTimestamp } from './pod';
import { collect, sleep } from './test/collect';

const log = createLogger('pod-source-test', 'silent');
const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-pod-logs-'));
let server: KubeApiServer;
let proxy: net.Server;
const sockets = new Set<net.Socket>();
const settings: KubeSettings = { kubeconfigFiles: [], loginShellEnvironment: false, requestTimeoutMs: 5000, informerLingerMs: 0 };
const handles: LogSourceHandle[] = [];
const services: KubeService[] = [];

beforeAll(async () => {
  process.env.WORKBENCH_KUBE_LOG_RATE = '20';
  server = await startKubeApiServer({ pendingMs: 100 });
  await server.writeKubeconfig(path.join(dir, 'config'), { context: 'test' });
  // The same server through a TCP proxy whose connections a test can cut (a network drop).
  const target = new URL(server.url);
  proxy = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client);
    client.pipe(upstream).pipe(client);
    const close = () => {
      sockets.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  const port = (proxy.address() as net.AddressInfo).port;
  const { readFileSync, writeFileSync } = await import('node:fs');
  writeFileSync(path.join(dir, 'proxied'), readFileSync(path.join(dir, 'config'), 'utf8').replace(server.url, `https://127.0.0.1:${port}`));
}, 60_000);

afterEach(() => {
  for (const h of handles.splice(0)) h.stop();
  for (const s of services.splice(0)) s.dispose();
});

afterAll(async () => {
  proxy?.close();
  for (const s of sockets) s.destroy();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function deps(kubeconfig = 'config', tailLines = 5): SourceDeps {
  const kube = new KubeService({ settings: () => settings, log, home: dir, env: { KUBECONFIG: path.join(dir, kubeconfig), HOME: dir, PATH: process.env.PATH } });
  services.push(kube);
  return { kube, ssh: {} as SshService, log, tailLines };
}

async function createPod(kube: KubeService, name: string, labels: Record<string, string>, containers = ['app', 'sidecar']) {
  const cluster = await kube.connected('test');
  await cluster.client.json({
    method: 'POST',
    path: '/api/v1/namespaces/default/pods',
    body: { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: containers.map((c) => ({ name: c, image: 'busybox' })) } },
  });
}

async function waitRunning(kube: KubeService, name: string) {
  const cluster = await kube.connected('test');
  for (let i = 0; i < 100; i++) {
    const pod = await cluster.client.json<{ status?: { phase?: string } }>({ path: `/api/v1/namespaces/default/pods/${name}` });
    if (pod.status?.phase === 'Running') return;
    await sleep(50);
  }
  throw new Error(`${name} never ran`);
}

describe('splitKubeTimestamp', () => {
  it('splits an RFC3339Nano prefix into ms and an exact ns key', () => {
    const a = splitKubeTimestamp('2024-05-01T10:00:00.123456789Z hello world')!;
    expect(a).toEqual({ time: Date.parse('2024-05-01T10:00:00.123Z'), ns: BigInt(Date.parse('2024-05-01T10:00:00Z')) * 1_000_000n + 123456789n, text: 'hello world' });
    expect(splitKubeTimestamp('2024-05-01T10:00:00.5Z x')!.ns).toBe(BigInt(Date.parse('2024-05-01T10:00:00Z')) * 1_000_000n + 500000000n);
    expect(splitKubeTimestamp('no timestamp here')).toBeUndefined();
  });
});

describe('pod source', () => {
  it('streams every container with timestamps as time, and resumes after a drop without repeating or losing a line', async () => {
    const d = deps('proxied', 5);
    await createPod(d.kube, 'logs-a', { app: 'logs-a' });
    await waitRunning(d.kube, 'logs-a');
    const c = collect();
    const handle = startSource({ kind: 'pod', context: 'test', namespace: 'default', pod: 'logs-a', container: '*', previous: false }, d, c.sink);
    handles.push(handle);
    expect(handle).toMatchObject({ id: 'pod:default/logs-a', label: 'logs-a' });
    await c.waitFor('both containers', () => c.texts('pod:default/logs-a/app').length >= 5 && c.texts('pod:default/logs-a/sidecar').length >= 5);
    expect(c.lines.every((l) => typeof l.time === 'number' && Math.abs(l.time - Date.now()) < 60_000)).toBe(true);
    expect(c.lines.some((l) => /^\d{4}-\d{2}-\d{2}T/.test(l.text))).toBe(false);
    expect(c.statuses.find((s) => s.source === 'pod:default/logs-a/app')!.label).toBe('logs-a/app');
    const firstTime = c.lines.find((l) => l.source === 'pod:default/logs-a/app')!.time!;

    await sleep(1200);
    for (const s of sockets) s.destroy(); // the network drops every stream
    await c.waitFor('retrying', () => c.statuses.some((s) => s.source === 'pod:default/logs-a/app' && s.state === 'retrying'), 10_000);
    await c.waitFor('streaming again', () => c.statuses.filter((s) => s.source === 'pod:default/logs-a/app').at(-1)!.state === 'streaming', 10_000);
    await sleep(1500);
    handle.stop();
    const lastTime = c.lines.filter((l) => l.source === 'pod:default/logs-a/app').at(-1)!.time!;

    // What the log holds between the first and last line we saw, fetched in one piece: exactly what we got.
    const cluster = await d.kube.connected('test');
    const whole = await cluster.client.text({
      path: '/api/v1/namespaces/default/pods/logs-a/log',
      query: { container: 'app', timestamps: true, sinceTime: new Date(Math.floor(firstTime / 1000) * 1000).toISOString().replace('.000Z', 'Z') },
    });
    // Compared by time, after the first line's timestamp: the tail may have started inside a multi-line
    // entry whose lines share that timestamp, and stack frames repeat, so texts alone would be ambiguous.
    const expected = whole
      .split('\n')
      .filter(Boolean)
      .map((l) => splitKubeTimestamp(l)!)
      .filter((l) => l.time > firstTime && l.time <= lastTime)
      .map((l) => l.text);
    const got = c.lines.filter((l) => l.source === 'pod:default/logs-a/app' && l.time! > firstTime && l.time! <= lastTime).map((l) => l.text);
    expect(got).toEqual(expected);
    expect(expected.length).toBeGreaterThan(40);
  }, 40_000);

  it('fails with the API message for a pod that does not exist', async () => {
    const c = collect();
    handles.push(startSource({ kind: 'pod', context: 'test', namespace: 'default', pod: 'nope', container: 'app', previous: false }, deps(), c.sink));
    await c.waitFor('failed', () => c.states().includes('failed'));
    expect(c.statuses.at(-1)!.message).toMatch(/not found/);
  });
});

describe('pods source', () => {
  it('follows the pods a selector matches, including one created later, and ends a deleted one', async () => {
    const d = deps();
    await createPod(d.kube, 'sel-1', { app: 'sel', tier: 'web' }, ['main']);
    await createPod(d.kube, 'other-1', { app: 'other' }, ['main']);
    const c = collect();
    handles.push(startSource({ kind: 'pods', context: 'test', namespace: 'default', labelSelector: 'app=sel,tier in (web)', container: '*' }, d, c.sink));
    await c.waitFor('sel-1', () => c.texts('pod:default/sel-1/main').length > 0, 10_000);
    await createPod(d.kube, 'sel-2', { app: 'sel', tier: 'web' }, ['main']);
    await c.waitFor('sel-2, created later', () => c.texts('pod:default/sel-2/main').length > 0, 10_000);
    expect(c.lines.some((l) => l.source.includes('other-1'))).toBe(false);
    const cluster = await d.kube.connected('test');
    await cluster.client.json({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/sel-1' });
    await c.waitFor('sel-1 ended', () => c.statuses.some((s) => s.source === 'pod:default/sel-1/main' && s.state === 'ended'), 10_000);
  }, 30_000);
});
