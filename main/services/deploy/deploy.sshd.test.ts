// Deployments against real parts: 10 OpenSSH hosts, each with its own small
// web app on its own loopback address (e2e/fixtures/deploy/lab.ts), and the
// test Kubernetes API server. The example recipes shipped with the app are
// the ones deployed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployRun } from '../../../shared/contract/deploy';
import { LogFilter } from '../../../shared/contract/logs';
import { DisposableStore } from '../../../shared/lib/disposable';
import { startDeployLab, type DeployLab } from '../../../e2e/fixtures/deploy/lab';
import { startKubeApiServer, type KubeApiServer } from '../../../e2e/fixtures/kube';
import { eventually } from '../../../e2e/fixtures/eventually';
import { createLogger } from '../log';
import { Workbench } from '../workbench';

const execFileAsync = promisify(execFile);
const EXAMPLES = path.resolve('main/services/deploy/examples');
const WEB_RELEASE = path.join(EXAMPLES, 'web-release', 'recipe.yaml');

let lab: DeployLab;
let work: string;
let dataDir: string;
let workbench: Workbench;

function open(): Workbench {
  return new Workbench({ host: 'web', version: 'test', dataDir, home: lab.home, log: createLogger('deploy-test', 'silent'), openExternal: async () => false });
}

async function versions(): Promise<string[]> {
  return Promise.all(lab.hosts.map(async (h) => (await h.get('/version')).body.trim()));
}

async function release(version: string, extra: Record<string, string | number> = {}): Promise<DeployRun> {
  const { runId } = await workbench.deploy.start({ file: WEB_RELEASE, params: { version, deploy_path: lab.deployPathTemplate, port: lab.appPort, ...extra }, only: [], rememberSecrets: false });
  return workbench.deploy.finished(runId);
}

/**
 * How many `sleep N` processes run. Asynchronously: a blocking spawnSync in
 * a polling loop stalls the lab's sshds (their logs are piped to this process).
 */
async function sleeping(marker: number): Promise<number> {
  const { stdout } = await execFileAsync('sh', ['-c', `pgrep -fc "^sleep ${marker}$" || true`], { encoding: 'utf8' });
  return Number(stdout.trim());
}

/** A test recipe; its locks live under the lab (a `release:` path), not in the real home. */
function recipe(name: string, body: string): string {
  if (body.includes('hosts:')) body = body.replace('\nsteps:', `\nrelease: { path: "${lab.root}/{{ host.name }}/${name}" }\nsteps:`);
  const dir = path.join(dataDir, 'recipes');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, body);
  return file;
}

beforeAll(async () => {
  lab = await startDeployLab(10);
  work = mkdtempSync(path.join(os.tmpdir(), 'wb-deploy-test-'));
  dataDir = path.join(work, 'data');
  workbench = open();
}, 120_000);

afterAll(async () => {
  workbench?.dispose();
  await lab?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('deployments on 10 real sshd hosts', () => {
  it('releases in batches of 3: every host serves the new version, batch after batch', async () => {
    const plan = await workbench.deploy.plan({ file: WEB_RELEASE, params: { version: '1.0.0', deploy_path: lab.deployPathTemplate, port: lab.appPort }, only: [] });
    expect(plan.batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    expect(plan.targets[0]!.steps.map((s) => s.kind)).toEqual(['release', 'template', 'template', 'run', 'release', 'gate', 'release']);

    const first = await release('1.0.0');
    expect(first.message).toBe('10 ok of 10');
    expect(first.status).toBe('succeeded');
    expect(await versions()).toEqual(Array(10).fill('1.0.0'));

    const second = await release('2.0.0');
    expect(second.status).toBe('succeeded');
    expect(await versions()).toEqual(Array(10).fill('2.0.0'));
    // Batches one after the other: every step of batch n ended before batch n+1's first began.
    const span = (b: number) => {
      const steps = second.targets.filter((t) => t.batch === b).flatMap((t) => t.steps.filter((s) => s.startedAt));
      return { start: Math.min(...steps.map((s) => s.startedAt!)), end: Math.max(...steps.map((s) => s.endedAt!)) };
    };
    for (let b = 0; b < 3; b++) expect(span(b).end).toBeLessThanOrEqual(span(b + 1).start);
    // Deployer's layout: current → releases/<this run's>, older releases kept.
    const current = readlinkSync(path.join(lab.hosts[0]!.dir, 'web', 'current'));
    expect(current).toMatch(new RegExp(`^releases/\\d{14}-${second.id.slice(0, 6)}$`));
  }, 120_000);

  it('a failing health check stops the run at max failures and rolls its batch back to the old version', async () => {
    const before = await versions();
    lab.hosts[4]!.breakHealth(true); // web-5, in the second batch
    try {
      const run = await release('3.0.0');
      expect(run.status).toBe('failed');
      const byId = new Map(run.targets.map((t) => [t.id, t]));
      expect(['web-1', 'web-2', 'web-3'].map((id) => byId.get(id)!.status)).toEqual(['ok', 'ok', 'ok']);
      expect(byId.get('web-5')!.status).toBe('rolled-back');
      expect(byId.get('web-5')!.message).toMatch(/health: GET http:\/\/127\.0\.0\.14:\d+\/health → 500/);
      expect(['web-4', 'web-6'].map((id) => byId.get(id)!.status)).toEqual(['rolled-back', 'rolled-back']);
      expect(['web-7', 'web-8', 'web-9', 'web-10'].map((id) => byId.get(id)!.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
      const now = await versions();
      expect(now.slice(0, 3)).toEqual(['3.0.0', '3.0.0', '3.0.0']);
      expect(now.slice(3)).toEqual(before.slice(3)); // the old version is served again, the rest never changed
    } finally {
      lab.hosts[4]!.breakHealth(false);
    }
  }, 120_000);

  it('refuses a second run on a locked host, naming the holder; a stale lock says so and can be broken', async () => {
    const file = recipe('slow', `name: slow\ntargets: { hosts: ["web-1", "web-2"] }\nlockStaleAfter: 30s\nsteps:\n  - run: sleep 3\n`);
    const { runId } = await workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false });
    await expect(workbench.deploy.start({ file: WEB_RELEASE, params: { version: '9', deploy_path: lab.deployPathTemplate, port: lab.appPort }, only: ['web-2'], rememberSecrets: false })).rejects.toThrow(/web-2 is being deployed by run/);
    expect((await workbench.deploy.finished(runId)).status).toBe('succeeded');

    // A lock left by a run on another machine that died: the file is there, its heartbeat is old.
    const lockFile = path.join(lab.hosts[0]!.dir, 'slow', '.dep', 'deploy.lock');
    mkdirSync(path.dirname(lockFile), { recursive: true });
    writeFileSync(lockFile, JSON.stringify({ runId: 'dead01', recipe: 'slow', machine: 'laptop-7', user: 'alice', since: Date.now() - 600_000 }) + '\n');
    try {
      await expect(workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false })).rejects.toThrow(/web-1 is locked by run dead01 \(slow, alice@laptop-7, since .*\)/);
      const fresh = await workbench.deploy.plan({ file, params: {}, only: [] });
      expect(fresh.locks.map((l) => [l.target, l.runId, l.stale])).toEqual([['web-1', 'dead01', false]]);
      const old = (Date.now() - 120_000) / 1000;
      utimesSync(lockFile, old, old);
      const stale = await workbench.deploy.plan({ file, params: {}, only: [] });
      expect(stale.locks.every((l) => l.stale)).toBe(true);
      await expect(workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false })).rejects.toThrow(/stale: that run looks dead/);
      expect((await workbench.deploy.lockList(['web-1'])).map((l) => l.runId)).toEqual(['dead01']);
      expect(await workbench.deploy.breakLock('web-1')).toBe(true);
      const after = await workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false });
      expect((await workbench.deploy.finished(after.runId)).status).toBe('succeeded');
    } finally {
      rmSync(lockFile, { force: true });
    }
  }, 120_000);

  it('cancel now stops mid-batch and kills the remote commands', async () => {
    const marker = 4000 + Math.floor(Math.random() * 900);
    const file = recipe('sleepy', `name: sleepy\ntargets: { hosts: ["web-*"] }\nstrategy: { batch: 5 }\nsteps:\n  - run: sleep ${marker}\n  - run: echo never\n`);
    const { runId } = await workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false });
    try {
      await eventually('the sleeps', async () => ((await sleeping(marker)) === 5) || undefined, 30_000, 200);
    } finally {
      // Cancelled even when the wait failed, so the hosts are free for the next tests.
      workbench.deploy.cancel(runId, 'now');
    }
    const run = await workbench.deploy.finished(runId);
    expect(run.status).toBe('cancelled');
    expect(run.targets.filter((t) => t.batch === 0).map((t) => t.status)).toEqual(Array(5).fill('cancelled'));
    expect(run.targets.filter((t) => t.batch === 1).map((t) => t.status)).toEqual(Array(5).fill('cancelled'));
    await eventually('the remote sleeps to die', async () => ((await sleeping(marker)) === 0) || undefined, 10_000, 200);
  }, 90_000);

  it('cancel after the current step lets the running step finish and starts nothing new', async () => {
    const marker = 5000 + Math.floor(Math.random() * 900);
    const file = recipe('patient', `name: patient\ntargets: { hosts: ["web-1", "web-2", "web-3", "web-4"] }\nstrategy: { batch: 2 }\nsteps:\n  - run: sleep 1.5; echo slept ${marker}\n  - run: echo second\n`);
    const { runId } = await workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false });
    await eventually('the first step to run', () => (workbench.deploy.detail(runId).run.targets[0]!.steps[0]!.status === 'running') || undefined, 20_000);
    workbench.deploy.cancel(runId, 'after-step');
    const run = await workbench.deploy.finished(runId);
    expect(run.status).toBe('cancelled');
    const first = run.targets.filter((t) => t.batch === 0);
    expect(first.map((t) => t.steps[0]!.status), 'the running step was not killed').toEqual(['ok', 'ok']);
    expect(first.every((t) => t.steps[1]!.status !== 'ok'), 'the next step never ran').toBe(true);
    expect(run.targets.filter((t) => t.batch === 1).every((t) => t.steps.every((st) => st.status !== 'ok' && st.status !== 'running'))).toBe(true);
    expect(Object.entries(workbench.deploy.detail(runId).outputs).filter(([k, v]) => k.includes('|deploy|0') && v.includes(`slept ${marker}`))).toHaveLength(2);
  }, 60_000);

  it('with rollbackDone, a failure rolls back the batches already done too: every host serves the old version again', async () => {
    // web-release with rollbackDone, beside its template.
    const folder = path.join(dataDir, 'recipes', 'web-release-all');
    mkdirSync(path.join(folder, 'public'), { recursive: true });
    writeFileSync(path.join(folder, 'public', 'index.html'), readFileSync(path.join(EXAMPLES, 'web-release', 'public', 'index.html')));
    const file = path.join(folder, 'recipe.yaml');
    writeFileSync(file, readFileSync(WEB_RELEASE, 'utf8').replace('name: web-release', 'name: web-release-all') + '\nrollbackDone: true\n');
    const params = { deploy_path: lab.deployPathTemplate, port: lab.appPort, batch: 2 };
    const only = ['web-1', 'web-2', 'web-3', 'web-4'];
    const start = async (version: string) => (await workbench.deploy.finished((await workbench.deploy.start({ file, params: { ...params, version }, only, rememberSecrets: false })).runId));
    expect((await start('5.0.0')).status).toBe('succeeded');
    lab.hosts[2]!.breakHealth(true); // web-3, in the second batch
    try {
      const run = await start('5.1.0');
      expect(run.status).toBe('failed');
      expect(run.targets.map((t) => [t.id, t.status])).toEqual([['web-1', 'rolled-back'], ['web-2', 'rolled-back'], ['web-3', 'rolled-back'], ['web-4', 'rolled-back']]);
      const now = await Promise.all(lab.hosts.slice(0, 4).map(async (h) => (await h.get('/version')).body.trim()));
      expect(now).toEqual(['5.0.0', '5.0.0', '5.0.0', '5.0.0']);
    } finally {
      lab.hosts[2]!.breakHealth(false);
    }
  }, 120_000);

  it('the rolling-restart example restarts each app for real, one host at a time, pausing between them', async () => {
    const file = path.join(EXAMPLES, 'rolling-restart', 'recipe.yaml');
    const hosts = lab.hosts.slice(5, 8); // web-6 … web-8
    const before = await Promise.all(hosts.map(async (h) => (await h.get('/started')).body));
    const { runId } = await workbench.deploy.start({
      file,
      params: { restart_command: lab.restartCommandTemplate, port: lab.appPort, hosts: 'web-[6-8]' },
      only: [],
      rememberSecrets: false,
    });
    const run = await workbench.deploy.finished(runId);
    expect(run.status).toBe('succeeded');
    expect(run.plan.batches).toEqual([['web-6'], ['web-7'], ['web-8']]);
    const after = await Promise.all(hosts.map(async (h) => (await h.get('/started')).body));
    after.forEach((started, i) => expect(started, `${hosts[i]!.name} was restarted (a new start time and pid)`).not.toBe(before[i]));
    // One at a time: each host's restart began only after the one before answered its health check, plus the pause.
    const spans = run.targets.map((t) => ({ start: t.steps[0]!.startedAt!, end: t.steps.at(-1)!.endedAt! }));
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start - spans[i - 1]!.end).toBeGreaterThanOrEqual(run.plan.strategy.pauseMs);
  }, 120_000);

  it('an sshd killed mid-run fails that host without hanging the run', async () => {
    const file = recipe('steady', `name: steady\ntargets: { hosts: ["web-7", "web-8", "web-9"] }\nstrategy: { maxFailures: 3 }\nsteps:\n  - run: sleep 2; echo done\n  - run: echo second\n`);
    const { runId } = await workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false });
    await new Promise((r) => setTimeout(r, 800));
    const victim = lab.hosts[7]!; // web-8
    await victim.sshd.crash();
    try {
      const run = await workbench.deploy.finished(runId);
      const byId = new Map(run.targets.map((t) => [t.id, t]));
      expect(byId.get('web-7')!.status).toBe('ok');
      expect(byId.get('web-9')!.status).toBe('ok');
      expect(byId.get('web-8')!.status).toBe('failed');
      expect(run.status).toBe('failed');
    } finally {
      await victim.sshd.restart();
    }
  }, 90_000);

  it('names file, line and field of a malformed recipe', async () => {
    const file = recipe('broken', `name: broken\ntargets: { hosts: ["web-1"] }\nsteps:\n  - run: echo ok\n  - gate:\n      http:\n        url: http://x\n        status: "two hundred"\n`);
    const list = await workbench.deploy.recipes();
    const problem = list.problems.find((p) => p.file === file);
    // Line 9: `recipe()` put a release: line before steps.
    expect(problem).toMatchObject({ line: 9, field: 'steps[1].gate.http.status' });
    await expect(workbench.deploy.plan({ file, params: {}, only: [] })).rejects.toThrow(/steps\[1\]\.gate\.http\.status/);
    rmSync(file);
  });

  it('masks a secret parameter in the plan, the output and the history, and keeps it in the secret store when asked', async () => {
    const token = 's3cr3t-' + Math.random().toString(36).slice(2);
    const file = recipe('secretive', `name: secretive\nparams:\n  token: { secret: true }\ntargets: { hosts: ["web-1"] }\nsteps:\n  - run: echo "using {{ params.token }}"\n`);
    const plan = await workbench.deploy.plan({ file, params: { token }, only: [] });
    expect(JSON.stringify(plan)).not.toContain(token);
    expect(plan.targets[0]!.steps[0]!.detail).toContain('••••');
    await expect(workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false })).rejects.toThrow(/a value is needed for the secret parameter token/);
    const { runId } = await workbench.deploy.start({ file, params: { token }, only: [], rememberSecrets: true });
    const run = await workbench.deploy.finished(runId);
    expect(run.status).toBe('succeeded');
    const detail = workbench.deploy.detail(runId);
    expect(Object.values(detail.outputs).join('')).toContain('using ••••');
    expect(JSON.stringify(detail)).not.toContain(token);
    // Remembered: the next run needs no value, and still shows none.
    const again = await workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false });
    expect((await workbench.deploy.finished(again.runId)).status).toBe('succeeded');
    expect(JSON.stringify(workbench.deploy.detail(again.runId))).not.toContain(token);
    expect((await workbench.deploy.recipes()).recipes.find((r) => r.name === 'secretive')!.params[0]).toMatchObject({ name: 'token', secret: true, stored: true });
  });

  it('an app exit mid-run marks the run interrupted and names the locks it leaves', async () => {
    const file = recipe('long', `name: long\ntargets: { hosts: ["web-10"] }\nsteps:\n  - run: sleep 30\n`);
    const { runId } = await workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false });
    await eventually('the step to start', () => (workbench.deploy.detail(runId).run.targets[0]!.steps[0]!.status === 'running') || undefined, 20_000);
    workbench.dispose();
    workbench = open();
    const run = workbench.deploy.detail(runId);
    expect(run.summary.status).toBe('interrupted');
    expect(run.run.message).toMatch(/the app exited during the run; its locks stay on web-10/);
    // The lock is still there, and names this run.
    expect((await workbench.deploy.lockList(['web-10'])).map((l) => l.runId)).toEqual([runId]);
    expect(await workbench.deploy.breakLock('web-10')).toBe(true);
  }, 60_000);

  it("a log gate fails a host on the first error line of its app's log, quoting it; it reads the recipe's logs: when it names no file", async () => {
    const file = recipe(
      'log-gated',
      `name: log-gated
targets: { hosts: ["web-1", "web-2"] }
strategy: { maxFailures: 2 }
logs: { file: "${lab.logPathTemplate}" }
steps:
  - name: quiet log
    gate: { logs: { quiet: 3s } }
`,
    );
    const [healthy, broken] = [lab.hosts[0]!, lab.hosts[1]!];
    broken.breakHealth(true); // its /health answers 500, which its app logs at level=error
    let polling = true;
    const traffic = (async () => {
      while (polling) {
        await Promise.all([healthy.get('/health'), broken.get('/health')]);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();
    try {
      const { runId } = await workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false });
      const run = await workbench.deploy.finished(runId);
      const byId = new Map(run.targets.map((t) => [t.id, t]));
      expect(byId.get('web-1')!.status, 'info lines do not trip an error-level gate').toBe('ok');
      expect(byId.get('web-2')!.status).toBe('failed');
      expect(byId.get('web-2')!.message).toMatch(/error line from web-2:app\.log: .*level=error host=web-2 msg="GET \/health" status=500/);
      expect(run.status).toBe('failed');
    } finally {
      polling = false;
      await traffic;
      broken.breakHealth(false);
    }
  }, 60_000);

  it("names each target's logs for the view beside a run, and a Logs view over them shows the run's own health checks", async () => {
    const { runId } = await workbench.deploy.start({
      file: WEB_RELEASE,
      params: { version: '4.0.0', deploy_path: lab.deployPathTemplate, port: lab.appPort, log_file: lab.logPathTemplate },
      only: ['web-1', 'web-2'],
      rememberSecrets: false,
    });
    expect((await workbench.deploy.finished(runId)).status).toBe('succeeded');
    const found = await workbench.deploy.logSources(runId);
    expect(found).toEqual({
      sources: ['web-1', 'web-2'].map((id) => ({ target: id, spec: { kind: 'ssh-file', hostId: id, path: `${lab.root}/${id}/app.log` } })),
      missing: [],
    });

    // Through the real Logs service, over SSH: the health gate's requests, logged by each app with the new version.
    const connection = { id: 4242, disposables: new DisposableStore(), log: createLogger('deploy-test', 'silent') };
    try {
      const logs = workbench.logs.handlers(connection);
      const { viewId } = await logs.open({ sources: found.sources.map((s) => s.spec) }, connection);
      const health = LogFilter.parse({ text: [{ text: 'GET /health' }], fields: [{ key: 'version', value: '4.0.0' }] });
      const want = ['web-1', 'web-2'].map((id) => `ssh:${id}:${lab.root}/${id}/app.log`).join(' ');
      const seen = async () => [...new Set((await logs.window({ viewId, filter: health, offset: 0, limit: 500 }, connection)).lines.map((l) => l.source))].sort().join(' ');
      await eventually(`both apps' health-check lines with version=4.0.0 (${want})`, async () => ((await seen()) === want) || undefined, 20_000, 200);
    } finally {
      connection.disposables.dispose();
    }

    // A recipe that does not say where a host's logs are: each target says so, nothing is guessed.
    const plain = recipe('no-logs', `name: no-logs\ntargets: { hosts: ["web-3"] }\nsteps:\n  - run: "true"\n`);
    const other = await workbench.deploy.start({ file: plain, params: {}, only: [], rememberSecrets: false });
    await workbench.deploy.finished(other.runId);
    expect(await workbench.deploy.logSources(other.runId)).toEqual({
      sources: [],
      missing: [{ target: 'web-3', reason: expect.stringContaining('add logs: with a file or a unit') }],
    });
  }, 90_000);

  it('keeps every run in the history across an app restart, with outputs and parameters', async () => {
    const before = workbench.deploy.list(100);
    expect(before.length).toBeGreaterThanOrEqual(6);
    workbench.dispose();
    workbench = open();
    const after = workbench.deploy.list(100);
    expect(after.map((r) => [r.id, r.status])).toEqual(before.map((r) => [r.id, r.status]));
    const failed = after.find((r) => r.params.version === '3.0.0')!;
    expect(failed).toMatchObject({ recipe: 'web-release', status: 'failed', counts: { ok: 3, 'rolled-back': 3, skipped: 4 } });
    const detail = workbench.deploy.detail(failed.id);
    const key = Object.keys(detail.outputs).find((k) => k.startsWith('web-5|deploy|'))!;
    expect(key).toBeDefined();
    expect(Object.values(detail.outputs).join('')).toContain('500');
    const recipes = await workbench.deploy.recipes();
    // The form is prefilled from the latest run of the recipe (the logs test's, limited to two hosts).
    expect(recipes.recipes.find((r) => r.name === 'web-release')!.lastParams).toMatchObject({ version: '4.0.0', log_file: lab.logPathTemplate });
  });
});

describe('a Kubernetes step against the test API server', () => {
  let server: KubeApiServer;
  beforeAll(async () => {
    server = await startKubeApiServer({ pendingMs: 100 });
    await server.writeKubeconfig(path.join(lab.home, '.kube', 'config'), { context: 'test' });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('bumps an image, waits for the rollout, and leaves no lock annotation behind', async () => {
    const file = path.join(EXAMPLES, 'kube-image-bump', 'recipe.yaml');
    const params = { context: 'test', namespace: 'default', deployment: 'web', container: 'nginx', image: 'nginx:1.28' };
    const plan = await workbench.deploy.plan({ file, params, only: [] });
    expect(plan.targets.map((t) => t.id)).toEqual(['kube:test/default/deployment/web']);
    const { runId } = await workbench.deploy.start({ file, params, only: [], rememberSecrets: false });
    const run = await workbench.deploy.finished(runId);
    expect(run.status).toBe('succeeded');
    const obj = server.store.get(server.store.registry.byId('deployments.apps')!, 'default', 'web') as unknown as {
      spec: { selector: { matchLabels: Record<string, string> }; template: { spec: { containers: Array<{ image: string }> } } };
      metadata: { annotations?: Record<string, string> };
    };
    expect(obj.spec.template.spec.containers[0]!.image).toBe('nginx:1.28');
    expect(obj.metadata.annotations?.['devops-workbench.io/deploy-lock']).toBeUndefined();
    // The logs beside the run: the workload's pods, by its selector, every container.
    const selector = Object.entries(obj.spec.selector.matchLabels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    expect(selector).not.toBe('');
    expect(await workbench.deploy.logSources(runId)).toEqual({
      sources: [{ target: 'kube:test/default/deployment/web', spec: { kind: 'pods', context: 'test', namespace: 'default', labelSelector: selector, container: '*' } }],
      missing: [],
    });
  }, 60_000);

  it('a failed gate after the image change undoes it: the pod template is back as it was', async () => {
    const deployments = server.store.registry.byId('deployments.apps')!;
    const imageNow = () => (server.store.get(deployments, 'default', 'web') as unknown as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec.template.spec.containers[0]!.image;
    const before = imageNow();
    const file = recipe(
      'bump-then-fail',
      `name: bump-then-fail
targets: { kube: [{ context: test, namespace: default, workload: deployment/web }] }
steps:
  - setImage: { container: nginx, image: "nginx:9.9-broken" }
  - rollout: wait
  - gate: { command: { command: "echo smoke test failed >&2; exit 3", local: true } }
rollback:
  - rollout: undo
  - rollout: wait
`,
    );
    const { runId } = await workbench.deploy.start({ file, params: {}, only: [], rememberSecrets: false });
    const run = await workbench.deploy.finished(runId);
    expect(run.status).toBe('failed');
    expect(run.targets[0]!.status).toBe('rolled-back');
    expect(run.targets[0]!.message).toContain('exit 3 (expected 0): smoke test failed');
    expect(imageNow()).toBe(before);
  }, 60_000);
});
