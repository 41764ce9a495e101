// Deployments for every window: recipes from the recipes folders, plans,
// runs (which live in main: closing the window does not stop them), their
// history, and the locks on targets.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, watch, type FSWatcher } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Contract } from '../../../shared/contract';
import type { DeployEvent, DeployRun, DeployRunDetail, DeployRunSummary, DeploySettings, LockInfo, ParamValues, Plan, PlanRequest, RecipeList, RunLogSources, StartRequest } from '../../../shared/contract/deploy';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { LogSourceSpec } from '../../../shared/contract/logs';
import { parseWorkloadId } from '../../../shared/deploy/target-id';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';
import { Listeners } from '../../../shared/lib/listeners';
import { mapLimited } from './concurrency';
import type { HostsService } from '../fleet/hosts-service';
import type { KubeService } from '../kube/service';
import type { Logger } from '../log';
import type { SourceSink } from '../logs/sources';
import type { ConnectionContext, Handlers } from '../rpc/types';
import type { SshService } from '../ssh';
import type { SecretStore } from '../store/secrets';
import { DeployHistory } from './history';
import { hostLockPath, TargetLocks, type LockTarget } from './locks';
import { workloadPodsSpec } from './kube-steps';
import { buildPlan, MASK, PlanError } from './plan';
import { loadRecipeFile, loadRecipes, RecipeError, summarize } from './recipes';
import { releaseNameFor } from './release';
import { DeployRunner } from './runner';
import type { LoadedRecipe, ResolvedPlan } from './types';

export interface DeployServiceDeps {
  dataDir: string;
  /** The example recipes shipped with the app (read-only), if found. */
  examplesDir: string | undefined;
  settings(): DeploySettings;
  hosts: HostsService;
  ssh: SshService;
  kube: KubeService;
  secrets: SecretStore;
  startLogSource(spec: LogSourceSpec, sink: SourceSink): { stop(): void };
  log: Logger;
  machine?: string;
  user?: string;
}

const LOCK_CHECK_CONCURRENCY = 16;
/** Finding a run's workloads' pods: the clusters may be slow or gone. */
const LOG_SOURCES_TIMEOUT_MS = 20_000;

function runIdNow(): string {
  return randomBytes(6).toString('hex');
}

function secretKey(recipe: string, param: string): string {
  return `deploy/${recipe}/${param}`;
}

function describeHolder(l: LockInfo): string {
  const since = new Date(l.since).toISOString().replace('T', ' ').slice(0, 19);
  const ago = Math.max(0, Math.round((Date.now() - l.heartbeatAt) / 1000));
  return `${l.target} is locked by run ${l.runId} (${l.recipe}, ${l.user}@${l.machine}, since ${since} UTC, last heartbeat ${ago} s ago)${l.stale ? ' — stale: that run looks dead; break the lock in Deployments › Locks once you have checked the target' : ''}`;
}

export class DeployService {
  readonly locks: TargetLocks;
  readonly history: DeployHistory | undefined;
  private readonly runs = new Map<string, DeployRunner>();
  /** Targets under a live run of this app, to refuse a second one at once. */
  private readonly busy = new Map<string, string>();
  private readonly folderChanges = new Listeners<{ reason: string }>();
  private watchers: FSWatcher[] = [];
  private watchedFolders = '';
  private changeTimer: NodeJS.Timeout | undefined;
  private readonly machine: string;
  private readonly user: string;

  constructor(private readonly deps: DeployServiceDeps) {
    this.locks = new TargetLocks({ ssh: deps.ssh, kube: deps.kube });
    this.machine = deps.machine ?? os.hostname();
    this.user = deps.user ?? os.userInfo().username;
    let history: DeployHistory | undefined;
    try {
      history = new DeployHistory(deps.dataDir);
    } catch (error) {
      deps.log.error('deployment history unavailable', { error: String(error) });
    }
    this.history = history;
  }

  /** The user's own folder first, then Settings' folders, then the shipped examples. */
  folders(): string[] {
    const own = path.join(this.deps.dataDir, 'recipes');
    mkdirSync(own, { recursive: true });
    return [...new Set([own, ...this.deps.settings().folders.map((f) => path.resolve(f.replace(/^~(?=$|\/)/, os.homedir()))), ...(this.deps.examplesDir ? [this.deps.examplesDir] : [])])];
  }

  private folderOf(file: string): string {
    const resolved = path.resolve(file);
    const folder = this.folders().find((f) => resolved === f || resolved.startsWith(f + path.sep));
    if (!folder) throw new WorkbenchError({ code: 'permission-denied', message: `${file} is not in a recipes folder (add its folder in Settings › Deployments)`, field: 'file' });
    return folder;
  }

  private async load(file: string): Promise<LoadedRecipe> {
    try {
      return await loadRecipeFile(path.resolve(file), this.folderOf(file));
    } catch (error) {
      if (error instanceof RecipeError) {
        const p = error.problems[0];
        throw new WorkbenchError({ code: 'invalid-request', message: error.problems.map((x) => `${x.field ? `${x.field}: ` : ''}${x.message}`).join('; '), where: p ? `${p.file}:${p.line}:${p.column}` : file });
      }
      throw error;
    }
  }

  async recipes(): Promise<RecipeList> {
    const folders = this.folders();
    if (this.watchers.length || this.watchedFolders) this.watchFolders(); // Settings may have added a folder
    const { recipes, problems } = await loadRecipes(folders);
    const hosts = this.deps.hosts.list().hosts;
    return {
      recipes: recipes.map((loaded) => {
        const summary = summarize(loaded, hosts);
        const lastParams = this.history?.lastParams(loaded.file);
        return {
          ...summary,
          params: summary.params.map((p) => (p.secret ? { ...p, stored: this.deps.secrets.has(secretKey(loaded.recipe.name, p.name)) } : p)),
          ...(lastParams ? { lastParams } : {}),
        };
      }),
      problems,
      folders,
    };
  }

  private resolve(loaded: LoadedRecipe, request: PlanRequest, runId: string, startedAt: Date): ResolvedPlan {
    try {
      return buildPlan({
        loaded,
        params: request.params,
        only: request.only,
        hosts: this.deps.hosts.list().hosts,
        secret: (name) => this.deps.secrets.get(secretKey(loaded.recipe.name, name)),
        releaseName: releaseNameFor(startedAt, runId),
        runId,
      });
    } catch (error) {
      if (error instanceof PlanError) throw new WorkbenchError({ code: 'invalid-request', message: error.message, where: loaded.file });
      throw error;
    }
  }

  private lockTargets(resolved: ResolvedPlan): LockTarget[] {
    return [...resolved.targets.values()].map(({ target, release }): LockTarget => {
      if (target.workload) return { id: target.id, kind: 'workload', workload: target.workload };
      return { id: target.id, kind: 'host', hostId: target.host!.id, path: hostLockPath(release?.path) };
    });
  }

  async plan(request: PlanRequest): Promise<Plan> {
    const loaded = await this.load(request.file);
    const resolved = this.resolve(loaded, request, 'plan00', new Date());
    const warnings = [...resolved.plan.warnings];
    const found = await mapLimited(this.lockTargets(resolved), LOCK_CHECK_CONCURRENCY, async (target) => {
      try {
        return await this.locks.inspect(target, resolved.lockStaleAfterMs);
      } catch (error) {
        warnings.push(`could not check the lock on ${target.id}: ${(error as Error).message}`);
        return undefined;
      }
    });
    return { ...resolved.plan, locks: found.filter((l): l is LockInfo => l !== undefined), warnings };
  }

  async start(request: StartRequest): Promise<{ runId: string }> {
    const loaded = await this.load(request.file);
    const runId = runIdNow();
    const startedAt = new Date();
    // Secrets given now are used (and kept if asked); the others come from the store.
    const resolved = this.resolve(loaded, request, runId, startedAt);
    if (resolved.plan.missingSecrets.length) {
      throw new WorkbenchError({ code: 'invalid-request', message: `a value is needed for the secret parameter${resolved.plan.missingSecrets.length > 1 ? 's' : ''} ${resolved.plan.missingSecrets.join(', ')}`, field: 'params' });
    }
    const targets = this.lockTargets(resolved);
    for (const t of targets) {
      const other = this.busy.get(t.id);
      if (other) throw new WorkbenchError({ code: 'conflict', message: `${t.id} is being deployed by run ${other} from this app (${this.runs.get(other)?.state.plan.recipe.name ?? 'a recipe'}): wait for it or cancel it`, where: t.id });
    }
    for (const t of targets) this.busy.set(t.id, runId);
    const holder = { runId, recipe: loaded.recipe.name, machine: this.machine, user: this.user, since: startedAt.getTime() };
    const held = new Map<string, LockTarget>();
    const unreachable = new Map<string, string>();
    const refused: LockInfo[] = [];
    try {
      await mapLimited(targets, LOCK_CHECK_CONCURRENCY, async (target) => {
        try {
          const result = await this.locks.acquire(target, holder, resolved.lockStaleAfterMs);
          if (result.ok) held.set(target.id, target);
          else refused.push(result.holder);
        } catch (error) {
          unreachable.set(target.id, `could not take the lock: ${(error as Error).message}`);
        }
      });
      for (const target of targets) this.history?.rememberLockPlace(target, resolved.lockStaleAfterMs);
      if (refused.length) {
        await Promise.all([...held.values()].map((t) => this.locks.release(t, runId).catch(() => undefined)));
        throw new WorkbenchError({ code: 'conflict', message: `not started: ${refused.map(describeHolder).join('; ')}`, where: refused[0]!.target });
      }
    } catch (error) {
      for (const t of targets) if (this.busy.get(t.id) === runId) this.busy.delete(t.id);
      throw error;
    }
    if (request.rememberSecrets) {
      for (const [name, p] of Object.entries(loaded.recipe.params)) {
        const value = request.params[name];
        if (p.secret && value !== undefined && value !== '') this.deps.secrets.set(secretKey(loaded.recipe.name, name), String(value));
      }
    }
    const runner = new DeployRunner(resolved, held, unreachable, {
      steps: { ssh: this.deps.ssh, kube: this.deps.kube, startLogSource: this.deps.startLogSource },
      locks: this.locks,
      history: this.history,
      outputCapBytes: this.deps.settings().outputCapKb * 1024,
      log: this.deps.log.child(`run ${runId}`),
    }, runId);
    this.runs.set(runId, runner);
    const lastParams: ParamValues = {};
    for (const [name, value] of Object.entries(request.params)) if (!loaded.recipe.params[name]?.secret) lastParams[name] = value;
    this.history?.start(runner.state, { file: loaded.file, user: this.user, machine: this.machine, lastParams });
    void runner.execute().finally(() => {
      for (const t of targets) if (this.busy.get(t.id) === runId) this.busy.delete(t.id);
      // Kept a while for late watchers (a window re-opened): then the history answers.
      setTimeout(() => this.runs.delete(runId), 10 * 60_000).unref();
    });
    return { runId };
  }

  /** A run's events: its state first. Undefined when the run is neither live nor in history. */
  watch(runId: string, listener: (event: DeployEvent) => void): Disposable | undefined {
    const live = this.runs.get(runId);
    if (live) return live.subscribe(listener);
    const past = this.history?.get(runId);
    if (!past) return undefined;
    listener({ type: 'snapshot', run: past.run });
    listener({ type: 'finished', status: past.run.status, ...(past.run.message ? { message: past.run.message } : {}), finishedAt: past.run.finishedAt ?? past.run.startedAt });
    return toDisposable(() => undefined);
  }

  finished(runId: string): Promise<DeployRun> {
    const live = this.runs.get(runId);
    if (live) return live.finished();
    const past = this.history?.get(runId);
    if (past) return Promise.resolve(past.run);
    return Promise.reject(new WorkbenchError({ code: 'not-found', message: `no deployment run ${runId}` }));
  }

  cancel(runId: string, mode: 'after-step' | 'now'): void {
    const live = this.runs.get(runId);
    if (!live || live.state.status !== 'running') throw new WorkbenchError({ code: 'not-found', message: `run ${runId} is not running` });
    live.cancel(mode);
  }

  confirm(runId: string, id: string, approve: boolean): void {
    if (!this.runs.get(runId)?.answer(id, approve)) throw new WorkbenchError({ code: 'not-found', message: `run ${runId} is not waiting for that confirmation (any more)` });
  }

  list(limit: number): DeployRunSummary[] {
    return this.history?.list(limit) ?? [];
  }

  detail(runId: string): DeployRunDetail {
    const past = this.history?.get(runId);
    const live = this.runs.get(runId);
    if (!past) throw new WorkbenchError({ code: 'not-found', message: `no deployment run ${runId} in the history` });
    if (live && live.state.status === 'running') return { ...past, run: structuredClone(live.state), outputs: Object.fromEntries(live.outputsNow()) };
    return past;
  }

  /**
   * Where a run's targets' logs are, as Logs sources: a host's file or unit
   * from the recipe's `logs:`, a workload's pods by its selector. A target
   * whose logs are not known (no `logs:` for a host, a workload gone) says why.
   */
  async logSources(runId: string): Promise<RunLogSources> {
    const plan = this.runs.get(runId)?.state.plan ?? this.history?.get(runId)?.run.plan;
    if (!plan) throw new WorkbenchError({ code: 'not-found', message: `no deployment run ${runId}` });
    const signal = AbortSignal.timeout(LOG_SOURCES_TIMEOUT_MS);
    const found = await mapLimited(plan.targets, LOCK_CHECK_CONCURRENCY, async (target): Promise<{ target: string; spec?: LogSourceSpec; reason?: string }> => {
      const logs = target.logs;
      const workload = parseWorkloadId(target.id);
      if (workload) {
        try {
          return { target: target.id, spec: await workloadPodsSpec(this.deps.kube, workload, logs?.container, signal) };
        } catch (error) {
          return { target: target.id, reason: `cannot find the pods of ${target.label}: ${error instanceof Error ? error.message : String(error)}` };
        }
      }
      if (logs?.file?.includes(MASK) || logs?.unit?.includes(MASK)) return { target: target.id, reason: 'its log path holds a secret parameter, which is never sent here' };
      if (logs?.file) return { target: target.id, spec: { kind: 'ssh-file', hostId: target.id, path: logs.file } };
      if (logs?.unit) return { target: target.id, spec: { kind: 'journald', hostId: target.id, unit: logs.unit } };
      return { target: target.id, reason: `the recipe does not say where a host's logs are (add logs: with a file or a unit)` };
    });
    return {
      sources: found.flatMap((f) => (f.spec ? [{ target: f.target, spec: f.spec }] : [])),
      missing: found.flatMap((f) => (f.reason !== undefined ? [{ target: f.target, reason: f.reason }] : [])),
    };
  }

  /** Locks on the targets this app has deployed to (or the ones named), stale ones marked. */
  async lockList(targets: string[]): Promise<LockInfo[]> {
    const places = this.history?.lockPlaces(targets) ?? [];
    const found = await mapLimited(places, LOCK_CHECK_CONCURRENCY, async ({ target, staleAfterMs }) => {
      try {
        return await this.locks.inspect(target, staleAfterMs);
      } catch (error) {
        this.deps.log.debug('lock check failed', { target: target.id, error: String(error) });
        return undefined;
      }
    });
    return found.filter((l): l is LockInfo => l !== undefined);
  }

  async breakLock(targetId: string): Promise<boolean> {
    const places = this.history?.lockPlaces([targetId]) ?? [];
    if (!places.length) throw new WorkbenchError({ code: 'not-found', message: `no lock place known for ${targetId}` });
    let broken = false;
    for (const { target } of places) {
      if (await this.locks.break(target)) {
        broken = true;
        this.deps.log.info('lock broken by the user', { target: target.id });
      }
    }
    return broken;
  }

  private watchFolders(): void {
    const folders = this.folders().filter((f) => existsSync(f));
    if (folders.join('\n') === this.watchedFolders) return;
    for (const w of this.watchers) w.close();
    this.watchedFolders = folders.join('\n');
    this.watchers = folders.flatMap((folder) => {
      try {
        return [
          watch(folder, { recursive: true }, () => {
            clearTimeout(this.changeTimer);
            this.changeTimer = setTimeout(() => this.folderChanges.emit({ reason: `${folder} changed` }), 200);
          }),
        ];
      } catch {
        return [];
      }
    });
  }

  handlers(_connection: ConnectionContext): Handlers<Contract>['deploy'] {
    return {
      recipes: () => this.recipes(),
      recipesChanged: (_params, sink) => {
        this.watchFolders();
        return this.folderChanges.add((change) => sink.emit(change));
      },
      plan: (request) => this.plan(request),
      start: (request) => this.start(request),
      watch: ({ runId }, sink) => {
        const subscription = this.watch(runId, (event) => {
          sink.emit(event, event.type === 'output' ? event.data.length : 1);
          if (event.type === 'finished') queueMicrotask(() => sink.end());
        });
        if (!subscription) sink.end(new WorkbenchError({ code: 'not-found', message: `no deployment run ${runId}` }));
        return subscription;
      },
      cancel: ({ runId, mode }) => {
        this.cancel(runId, mode);
        return {};
      },
      confirm: ({ runId, id, approve }) => {
        this.confirm(runId, id, approve);
        return {};
      },
      runs: ({ limit }) => ({ runs: this.list(limit) }),
      run: ({ id }) => this.detail(id),
      locks: async ({ targets }) => ({ locks: await this.lockList(targets) }),
      logSources: ({ runId }) => this.logSources(runId),
      breakLock: async ({ target }) => ({ broken: await this.breakLock(target) }),
    };
  }

  stats(): { running: number } {
    return { running: [...this.runs.values()].filter((r) => r.state.status === 'running').length };
  }

  /** The app is exiting: running runs become "interrupted", their locks stay (and say so). */
  dispose(): void {
    for (const runner of this.runs.values()) runner.interrupt();
    for (const w of this.watchers) w.close();
    clearTimeout(this.changeTimer);
    this.history?.close();
  }
}
