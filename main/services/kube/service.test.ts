// The Kubernetes service against the test API server (real HTTPS, real watch
// streams, real exec and port-forward protocols), with the real kubectl
// changing the cluster underneath it.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeApiServer, type KubeApiServer } from '../../../e2e/fixtures/kube';
import type { KubeSettings, ViewEvent } from '../../../shared/contract/kube';
import { DisposableStore, toDisposable } from '../../../shared/lib/disposable';
import { createLogger } from '../log';
import type { ConnectionContext, StreamSink } from '../rpc/types';
import { KubeService } from './service';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-service-test-'));
const kubeconfig = path.join(dir, 'config');
let server: KubeApiServer;
const log = createLogger('kube-test', 'error');
const connection: ConnectionContext = { id: 1, disposables: new DisposableStore(), log };
const settings: KubeSettings = { kubeconfigFiles: [], loginShellEnvironment: false, requestTimeoutMs: 3000, informerLingerMs: 0 };

function service(env: NodeJS.ProcessEnv = { KUBECONFIG: kubeconfig, HOME: dir, PATH: process.env.PATH }, overrides: Partial<KubeSettings> = {}) {
  return new KubeService({ settings: () => ({ ...settings, ...overrides }), log, home: dir, env });
}

const kubectl = (...args: string[]) => run('kubectl', args, { env: { KUBECONFIG: kubeconfig, HOME: dir, PATH: process.env.PATH }, timeout: 20_000 });

/** Until the controllers have settled a deployment at `replicas`: each status write is a new resourceVersion, as on a real cluster. */
async function settledDeployment(name: string, replicas: number, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { stdout } = await kubectl('get', 'deployment', name, '-o', 'jsonpath={.metadata.generation}/{.status.observedGeneration}/{.status.replicas}/{.status.updatedReplicas}/{.status.availableReplicas}');
    const [generation, observed, ...counts] = stdout.split('/');
    if (generation === observed && counts.every((count) => count === String(replicas))) return;
    if (Date.now() > deadline) throw new Error(`deployment ${name} did not settle at ${replicas} replicas: ${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A stream sink that keeps what it is sent, for a view. */
function collect() {
  const abort = new AbortController();
  const rows = new Map<string, { name: string; cells: unknown[] }>();
  const events: ViewEvent[] = [];
  let ended: unknown = null;
  const sink: StreamSink<ViewEvent> = {
    emit(event) {
      events.push(event);
      if (event.type === 'reset') rows.clear();
      if (event.type === 'rows') {
        for (const row of event.upserts) rows.set(row.uid, row);
        for (const uid of event.deletes) rows.delete(uid);
      }
    },
    end: (error) => (ended = error ?? 'ended'),
    signal: abort.signal,
    paused: false,
    onPressure: () => toDisposable(() => {}),
  };
  const names = () => [...rows.values()].map((r) => r.name).sort();
  const status = () => events.filter((e): e is Extract<ViewEvent, { type: 'status' }> => e.type === 'status').at(-1);
  return { sink, rows, events, names, status, ended: () => ended };
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pods = { group: '', version: 'v1', resource: 'pods' };
const deployments = { group: 'apps', version: 'v1', resource: 'deployments' };

beforeAll(async () => {
  server = await startKubeApiServer({ pendingMs: 100, users: [{ name: 'viewer', token: 'viewer-token', forbidden: ['secrets'] }] });
  await server.writeKubeconfig(kubeconfig, { context: 'test' });
  await server.writeKubeconfig(path.join(dir, 'viewer'), { context: 'viewer', user: 'viewer' });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('KubeService against the test API server', () => {
  it('lists contexts, connects, and serves discovery kinds', async () => {
    const kube = service();
    const h = kube.handlers(connection);
    const contexts = await h.contexts({}, connection);
    expect(contexts.contexts.map((c) => [c.name, c.current, c.auth])).toEqual([['test', true, 'token']]);
    const state = await h.connect({ context: 'test' }, connection);
    expect(state.state).toBe('connected');
    expect(state.version).toMatch(/^v1\./);
    const kinds = state.kinds!.map((k) => `${k.group}/${k.resource}`);
    expect(kinds).toEqual(expect.arrayContaining(['/pods', 'apps/deployments', '/nodes', '/events', 'apiextensions.k8s.io/customresourcedefinitions']));
    expect(state.kinds!.find((k) => k.resource === 'pods')!.category).toBe('Workloads');
    kube.dispose();
  });

  it('shows a pod kubectl creates within a second, and loses none when the watch expires (410)', async () => {
    const kube = service();
    const h = kube.handlers(connection);
    const view = collect();
    const dispose = await h.view({ context: 'test', resource: pods, namespaces: [], labelSelector: '' }, view.sink, connection);
    await until('the first list', () => view.status()?.phase === 'watching');
    const before = view.rows.size;
    expect(before).toBeGreaterThan(0);
    expect(view.events[0]!.type).toBe('columns');

    const created = Date.now();
    await kubectl('run', 'made-by-kubectl', '--image=busybox', '--restart=Never');
    await until('the kubectl pod', () => view.names().includes('made-by-kubectl'), 3000);
    expect(Date.now() - created).toBeLessThan(3000);

    // Compaction: every resourceVersion the informer holds is now too old.
    server.expireWatches();
    await kubectl('run', 'made-during-relist', '--image=busybox', '--restart=Never');
    await until('the relisted pod', () => view.names().includes('made-during-relist'), 5000);
    expect(view.names()).toContain('made-by-kubectl');
    expect(view.rows.size).toBe(before + 2);
    expect(view.events.some((e) => e.type === 'status' && e.phase === 'relisting')).toBe(true);

    await kubectl('delete', 'pod', 'made-by-kubectl', 'made-during-relist', '--wait=false');
    await until('the deletes', () => !view.names().includes('made-by-kubectl') && !view.names().includes('made-during-relist'));
    (dispose as { dispose(): void }).dispose();
    kube.dispose();
  });

  it('filters by namespace and label selector, and says where a selector is wrong', async () => {
    const kube = service();
    const h = kube.handlers(connection);
    await kubectl('create', 'namespace', 'team-b');
    await kubectl('run', 'labelled', '-n', 'team-b', '--image=busybox', '--restart=Never', '--labels=tier=cache,app=redis');
    const view = collect();
    const dispose = await h.view({ context: 'test', resource: pods, namespaces: ['team-b'], labelSelector: 'tier in (cache, db),app!=web' }, view.sink, connection);
    await until('the filtered pod', () => view.names().includes('labelled'));
    expect(view.names()).toEqual(['labelled']);
    await expect(h.view({ context: 'test', resource: pods, namespaces: [], labelSelector: 'tier in (cache' }, collect().sink, connection)).rejects.toThrow(/label selector/);
    (dispose as { dispose(): void }).dispose();
    kube.dispose();
  });

  it('scales a deployment and the pods follow; YAML apply conflicts when kubectl changed it first', async () => {
    const kube = service();
    const h = kube.handlers(connection);
    const view = collect();
    const dispose = await h.view({ context: 'test', resource: pods, namespaces: ['default'], labelSelector: 'app=web' }, view.sink, connection);
    await until('web pods', () => view.rows.size === 2);
    await h.scale({ context: 'test', resource: deployments, namespace: 'default', name: 'web', replicas: 4 }, connection);
    await until('4 web pods', () => view.rows.size === 4, 8000);
    // Opened once the controllers are done with it: a status write between reading and applying would be a (real) conflict.
    await settledDeployment('web', 4);

    const ref = { context: 'test', resource: deployments, namespace: 'default', name: 'web' };
    const opened = await h.get(ref, connection);
    expect(opened.yaml).toContain('kind: Deployment');
    expect(opened.yaml).not.toContain('managedFields');
    await kubectl('annotate', 'deployment', 'web', 'changed-by=kubectl');
    const edited = opened.yaml.replace('replicas: 4', 'replicas: 3');
    await expect(h.apply({ ...ref, yaml: edited, resourceVersion: opened.resourceVersion }, connection)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/changed on the cluster since you opened it/) });
    await settledDeployment('web', 4);
    const fresh = await h.get(ref, connection);
    const applied = await h.apply({ ...ref, yaml: fresh.yaml.replace('replicas: 4', 'replicas: 2'), resourceVersion: fresh.resourceVersion }, connection);
    expect(Number(applied.resourceVersion)).toBeGreaterThan(Number(fresh.resourceVersion));
    await until('2 web pods', () => view.rows.size === 2, 8000);

    const related = await h.related(ref, connection);
    expect(related.owned.map((o) => o.kind)).toContain('ReplicaSet');
    const rs = related.owned[0]!;
    const rsRelated = await h.related({ context: 'test', resource: rs.resource, namespace: 'default', name: rs.name }, connection);
    expect(rsRelated.owners.map((o) => o.name)).toEqual(['web']);
    expect(rsRelated.owned.length).toBe(2);
    const podRelated = await h.related({ context: 'test', resource: pods, namespace: 'default', name: rsRelated.owned[0]!.name }, connection);
    expect(podRelated.node?.name).toMatch(/^node-/);
    const events = await h.events(ref, connection);
    expect(events.events.some((e) => e.reason === 'ScalingReplicaSet')).toBe(true);
    (dispose as { dispose(): void }).dispose();
    kube.dispose();
  });

  it('execs a command in a pod and forwards a local port to it', async () => {
    const kube = service();
    const h = kube.handlers(connection);
    await h.connect({ context: 'test' }, connection);
    const podName = (await kubectl('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}')).stdout;
    await until('a running pod', () => true);
    const session = await kube.openPodSession({ kind: 'kube-exec', context: 'test', namespace: 'default', pod: podName, cols: 80, rows: 24, command: ['sh', '-c', 'echo hello-from-$HOSTNAME'] });
    let out = '';
    session.onData((d) => (out += d));
    const exit = await new Promise<{ exitCode: number }>((resolve) => session.onExit(resolve));
    expect(out).toContain(`hello-from-${podName}`);
    expect(exit.exitCode).toBe(0);
    session.dispose();

    const forward = await h.forward({ context: 'test', namespace: 'default', pod: podName, podPort: 80, localPort: 0 }, connection);
    expect(forward.state).toBe('listening');
    const body = await new Promise<string>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: forward.localPort, path: '/' }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(body).toContain(`hello from default/${podName}:80`);
    expect((await h.forwards({}, connection)).forwards[0]!.total).toBe(1);
    await h.stopForward({ id: forward.id }, connection);
    expect((await h.forwards({}, connection)).forwards).toEqual([]);
    kube.dispose();
  });

  it('marks a forbidden kind without blocking the others', async () => {
    const kube = service({ KUBECONFIG: path.join(dir, 'viewer'), HOME: dir, PATH: process.env.PATH });
    const h = kube.handlers(connection);
    expect((await h.connect({ context: 'viewer' }, connection)).state).toBe('connected');
    const secrets = collect();
    const podsView = collect();
    await h.view({ context: 'viewer', resource: { group: '', version: 'v1', resource: 'secrets' }, namespaces: [], labelSelector: '' }, secrets.sink, connection);
    await h.view({ context: 'viewer', resource: pods, namespaces: [], labelSelector: '' }, podsView.sink, connection);
    await until('forbidden', () => secrets.status()?.phase === 'forbidden');
    expect(secrets.status()!.message).toMatch(/forbidden/i);
    await until('pods listed', () => podsView.status()?.phase === 'watching');
    kube.dispose();
  });
});

describe('KubeService when the cluster cannot be used', () => {
  const writeConfig = async (name: string, options: Parameters<KubeApiServer['writeKubeconfig']>[1]) => {
    const file = path.join(dir, name);
    await server.writeKubeconfig(file, options);
    return file;
  };

  it('says unreachable for a refused port and timeout for a server that never answers', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const refusedFile = await writeConfig('refused', { context: 'refused', server: 'https://127.0.0.1:1' });
    const silentFile = await writeConfig('silent', { context: 'silent', server: `https://127.0.0.1:${port}` });
    // One file per service: the test server names its cluster and user the same in every file, and the first file's win.
    const refusing = service({ KUBECONFIG: refusedFile, HOME: dir }, { requestTimeoutMs: 1000 });
    const refused = await refusing.handlers(connection).connect({ context: 'refused' }, connection);
    expect(refused).toMatchObject({ state: 'failed', failure: 'unreachable' });
    expect(refused.error).toMatch(/refused/);
    refusing.dispose();
    const silentService = service({ KUBECONFIG: silentFile, HOME: dir }, { requestTimeoutMs: 1000 });
    const started = Date.now();
    const hung = await silentService.handlers(connection).connect({ context: 'silent' }, connection);
    expect(hung).toMatchObject({ state: 'failed', failure: 'timeout' });
    expect(hung.error).toMatch(/no answer from https:\/\/127\.0\.0\.1:\d+ within 1 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
    silentService.dispose();
    silent.close();
  });

  it('says the credentials were rejected, and shows a failing credential plugin\'s stderr', async () => {
    const plugin = path.join(dir, 'failing-plugin.sh');
    writeFileSync(plugin, '#!/bin/sh\necho "error: token for team-a expired; run: sso login" >&2\nexit 3\n');
    chmodSync(plugin, 0o755);
    const wrong = path.join(dir, 'wrong-token');
    await server.writeKubeconfig(wrong, { context: 'wrong' });
    writeFileSync(wrong, (await import('node:fs')).readFileSync(wrong, 'utf8').replace(server.token, 'not-the-token'));
    const execFile_ = await writeConfig('exec', { context: 'exec', auth: 'exec', execCommand: plugin });
    const rejected = service({ KUBECONFIG: wrong, HOME: dir, PATH: process.env.PATH });
    const unauthorized = await rejected.handlers(connection).connect({ context: 'wrong' }, connection);
    expect(unauthorized).toMatchObject({ state: 'failed', failure: 'unauthorized' });
    expect(unauthorized.error).toMatch(/credentials rejected \(401\)/);
    rejected.dispose();
    const kube = service({ KUBECONFIG: execFile_, HOME: dir, PATH: process.env.PATH });
    const failed = await kube.handlers(connection).connect({ context: 'exec' }, connection);
    expect(failed).toMatchObject({ state: 'failed', failure: 'credential-plugin' });
    expect(failed.error).toContain('token for team-a expired; run: sso login');
    expect(failed.error).toContain('exited with 3');
    kube.dispose();
  });

  it('runs a credential plugin found only on the login shell\'s PATH', async () => {
    const bin = path.join(dir, 'shell-only-bin');
    (await import('node:fs')).mkdirSync(bin, { recursive: true });
    const plugin = path.join(bin, 'workbench-test-auth');
    writeFileSync(plugin, `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${server.token}"}}'\n`);
    chmodSync(plugin, 0o755);
    // A login shell whose profile adds that directory to PATH, as ~/.zprofile would.
    const shell = path.join(dir, 'login-shell.sh');
    writeFileSync(shell, `#!/bin/sh\nPATH="${bin}:$PATH"; export PATH\nshift\nexec /bin/sh -c "$1"\n`);
    chmodSync(shell, 0o755);
    const file = await writeConfig('exec-path', { context: 'exec-path', auth: 'exec', execCommand: 'workbench-test-auth' });
    const env = { KUBECONFIG: file, HOME: dir, PATH: '/usr/bin:/bin', SHELL: shell };
    const withoutShell = service(env, { loginShellEnvironment: false });
    expect(await withoutShell.handlers(connection).connect({ context: 'exec-path' }, connection)).toMatchObject({ state: 'failed', failure: 'credential-plugin' });
    withoutShell.dispose();
    const withShell = service(env, { loginShellEnvironment: true });
    expect(await withShell.handlers(connection).connect({ context: 'exec-path' }, connection)).toMatchObject({ state: 'connected' });
    withShell.dispose();
  });

  it('reports a malformed kubeconfig with its file and line, and keeps the good contexts', async () => {
    const bad = path.join(dir, 'broken.yaml');
    writeFileSync(bad, 'apiVersion: v1\ncontexts:\n  - name: x\n   context: {cluster: y\n');
    const kube = service({ KUBECONFIG: [kubeconfig, bad].join(path.delimiter), HOME: dir });
    const list = await kube.handlers(connection).contexts({}, connection);
    expect(list.contexts.map((c) => c.name)).toEqual(['test']);
    expect(list.problems[0]).toMatchObject({ file: bad, severity: 'error' });
    expect(list.problems[0]!.line).toBeGreaterThan(1);
    kube.dispose();
  });
});
