// One deployment run, in main: batches in order, the targets of a batch
// side by side, each target's steps in order. A failed step or gate fails its
// target; once `maxFailures` targets have failed no new batch starts, and the
// rollback steps run on the batch that failed (and, with `rollbackDone`, on
// the batches before it). Cancel "after-step" lets each running step finish;
// cancel "now" aborts them (remote process groups killed). Locks were taken
// before the run started (see service.ts): the run keeps their heartbeat and
// releases them at the end — except when the app exits mid-run, when the
// locks stay (the hosts are in an unknown state) and the run says so.
//
// The renderer watches through `subscribe`: the whole state first, then
// each change. Output is masked (secret values) and capped per step.
import type { DeployEvent, DeployRun, StepState, TargetState, TargetStatus } from '../../../shared/contract/deploy';
import { Listeners } from '../../../shared/lib/listeners';
import { abortableSleep, mapLimited } from './concurrency';
import type { Disposable } from '../../../shared/lib/disposable';
import type { Logger } from '../log';
import type { DeployHistory } from './history';
import type { LockTarget, TargetLocks } from './locks';
import { runStep, StepFailure, type StepDeps } from './steps';
import type { SavedTemplates } from './kube-steps';
import type { ExecStep, ResolvedPlan, TargetPlan } from './types';

export interface RunnerDeps {
  steps: Omit<StepDeps, 'confirm'>;
  locks: TargetLocks;
  history: DeployHistory | undefined;
  outputCapBytes: number;
  log: Logger;
}

type Phase = 'deploy' | 'rollback';

const HEARTBEAT_MIN_MS = 2_000;
const HEARTBEAT_MAX_MS = 15_000;

export class DeployRunner {
  readonly state: DeployRun;
  private readonly listeners = new Listeners<DeployEvent>();
  private readonly outputs = new Map<string, string>();
  private readonly now = new AbortController();
  private stopAfterStep = false;
  private readonly saved: SavedTemplates = new Map();
  private readonly confirmWaiters = new Map<string, (approved: boolean) => void>();
  private confirmQueue: Promise<unknown> = Promise.resolve();
  private confirmCount = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private interrupted = false;
  private readonly done: Promise<DeployRun>;
  private resolveDone!: (run: DeployRun) => void;

  constructor(
    private readonly resolved: ResolvedPlan,
    /** Locks held for this run, by target id. */
    private readonly held: Map<string, LockTarget>,
    /** Targets that could not be locked (unreachable): failed before the run began. */
    unreachable: Map<string, string>,
    private readonly deps: RunnerDeps,
    id: string,
  ) {
    const plan = resolved.plan;
    const batchOf = new Map<string, number>();
    plan.batches.forEach((ids, b) => ids.forEach((t) => batchOf.set(t, b)));
    this.state = {
      id,
      plan,
      status: 'running',
      startedAt: Date.now(),
      batch: -1,
      targets: plan.targets.map((t): TargetState => {
        const failedWhy = unreachable.get(t.id);
        return {
          id: t.id,
          batch: batchOf.get(t.id) ?? 0,
          status: failedWhy ? 'failed' : 'pending',
          ...(failedWhy ? { message: failedWhy } : {}),
          steps: [...t.steps.map((s): StepState => ({ index: s.index, phase: 'deploy', status: 'pending' })), ...t.rollback.map((s): StepState => ({ index: s.index, phase: 'rollback', status: 'pending' }))],
        };
      }),
    };
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get id(): string {
    return this.state.id;
  }

  finished(): Promise<DeployRun> {
    return this.done;
  }

  /** The state now, then every change. */
  subscribe(listener: (event: DeployEvent) => void): Disposable {
    listener({ type: 'snapshot', run: structuredClone(this.state) });
    return this.listeners.add(listener);
  }

  outputsNow(): Map<string, string> {
    return this.outputs;
  }

  cancel(mode: 'after-step' | 'now'): void {
    if (this.state.status !== 'running') return;
    this.state.cancelling = mode === 'now' || this.state.cancelling === 'now' ? 'now' : 'after-step';
    this.stopAfterStep = true;
    if (mode === 'now') this.now.abort(new Error('cancelled'));
    for (const resolve of this.confirmWaiters.values()) resolve(false);
    this.emit({ type: 'snapshot', run: structuredClone(this.state) });
  }

  answer(confirmId: string, approved: boolean): boolean {
    const resolve = this.confirmWaiters.get(confirmId);
    if (!resolve) return false;
    resolve(approved);
    return true;
  }

  /** The app is exiting: record the run as interrupted, leave its locks, stop what runs. */
  interrupt(): void {
    if (this.state.status !== 'running') return;
    this.interrupted = true;
    const locked = [...this.held.keys()];
    this.state.status = 'interrupted';
    this.state.finishedAt = Date.now();
    this.state.message = `the app exited during the run${locked.length ? `; its locks stay on ${locked.join(', ')} (stale after ${Math.round(this.resolved.lockStaleAfterMs / 1000)} s — check those targets, then break the locks in Deployments › Locks)` : ''}`;
    for (const t of this.state.targets) if (t.status === 'running' || t.status === 'pending') t.status = 'cancelled';
    clearInterval(this.heartbeat);
    this.now.abort(new Error('the app is exiting'));
    try {
      this.deps.history?.finish(this.state, this.outputs);
    } catch (error) {
      this.deps.log.warn('could not record the interrupted run', { error: String(error) });
    }
  }

  // ------------------------------------------------------------ the run

  async execute(): Promise<DeployRun> {
    const { plan } = this.resolved;
    this.startHeartbeat();
    try {
      if (!(await this.runOnce())) {
        for (const t of this.state.targets) if (t.status === 'pending') this.setTarget(t, 'skipped', 'a step before the first batch failed');
      } else {
        await this.runBatches();
      }
      if (!this.interrupted) {
        const failed = this.state.targets.filter((t) => t.status === 'failed' || t.status === 'rolled-back').length;
        this.state.status = this.stopAfterStep ? 'cancelled' : failed > 0 ? 'failed' : 'succeeded';
        if (!this.state.message) this.state.message = this.summary();
      }
    } catch (error) {
      this.deps.log.error('deploy run failed unexpectedly', { run: this.id, error: String(error) });
      if (!this.interrupted) {
        this.state.status = 'failed';
        this.state.message = `internal error: ${(error as Error).message}`;
      }
    } finally {
      clearInterval(this.heartbeat);
    }
    if (!this.interrupted) {
      await this.releaseLocks();
      this.state.batch = plan.batches.length;
      this.state.finishedAt = Date.now();
      delete this.state.cancelling;
      try {
        this.deps.history?.finish(this.state, this.outputs);
      } catch (error) {
        this.deps.log.warn('could not record the run', { error: String(error) });
      }
      this.emit({ type: 'finished', status: this.state.status, ...(this.state.message ? { message: this.state.message } : {}), finishedAt: this.state.finishedAt });
    }
    this.resolveDone(this.state);
    return this.state;
  }

  private summary(): string {
    const n = (s: TargetStatus) => this.state.targets.filter((t) => t.status === s).length;
    const parts = [`${n('ok')} ok`];
    for (const s of ['failed', 'rolled-back', 'skipped', 'cancelled'] as const) if (n(s)) parts.push(`${n(s)} ${s}`);
    return `${parts.join(', ')} of ${this.state.targets.length}`;
  }

  private async runOnce(): Promise<boolean> {
    for (const step of this.resolved.once) {
      if (this.stopAfterStep) return false;
      const ok = await this.runOneStep(undefined, step, 'deploy');
      if (!ok) {
        this.state.message = `the local step "${step.name}" failed`;
        return false;
      }
    }
    return true;
  }

  private async runBatches(): Promise<void> {
    const { plan } = this.resolved;
    const maxFailures = Math.max(1, plan.strategy.maxFailures);
    let failures = this.state.targets.filter((t) => t.status === 'failed').length;
    const finishedBatches: string[][] = [];
    for (let b = 0; b < plan.batches.length; b++) {
      const ids = plan.batches[b]!;
      if (this.stopAfterStep) {
        this.skipRest(b, 'cancelled', 'the run was cancelled');
        return;
      }
      if (failures >= maxFailures) {
        this.skipRest(b, 'skipped', `stopped: ${failures} target${failures === 1 ? '' : 's'} failed (max ${maxFailures})`);
        return;
      }
      if (b > 0 && plan.strategy.pauseMs > 0) {
        this.info('', `pause ${Math.round(plan.strategy.pauseMs / 1000)} s before batch ${b + 1}\n`);
        try {
          await abortableSleep(plan.strategy.pauseMs, this.now.signal);
        } catch {
          this.skipRest(b, 'cancelled', 'the run was cancelled');
          return;
        }
      }
      this.state.batch = b;
      this.emit({ type: 'batch', batch: b });
      const runnable = ids.filter((id) => this.target(id).status === 'pending');
      await mapLimited(runnable, Math.max(1, plan.strategy.concurrency), (id) => this.runTarget(id));
      const failedHere = ids.filter((id) => this.target(id).status === 'failed');
      failures += failedHere.filter((id) => runnable.includes(id)).length;
      if (failedHere.length > 0 && !this.now.signal.aborted) {
        const stopping = failures >= maxFailures;
        // The failed targets always go back; when the run stops, their whole batch does (and with rollbackDone, the batches before).
        const back = new Set(failedHere.filter((id) => runnable.includes(id)));
        if (stopping) {
          for (const id of runnable) if (this.target(id).status === 'ok') back.add(id);
          if (this.resolved.loaded.recipe.rollbackDone) for (const earlier of finishedBatches) for (const id of earlier) if (this.target(id).status === 'ok') back.add(id);
        }
        await mapLimited([...back], Math.max(1, plan.strategy.concurrency), (id) => this.rollbackTarget(id));
      }
      finishedBatches.push(runnable);
      this.deps.history?.update(this.state);
    }
  }

  private skipRest(fromBatch: number, status: 'skipped' | 'cancelled', why: string): void {
    for (const ids of this.resolved.plan.batches.slice(fromBatch)) {
      for (const id of ids) {
        const t = this.target(id);
        if (t.status === 'pending') {
          for (const s of t.steps) if (s.status === 'pending' && s.phase === 'deploy') s.status = status;
          this.setTarget(t, status, why);
        }
      }
    }
    this.emit({ type: 'snapshot', run: structuredClone(this.state) });
  }

  private target(id: string): TargetState {
    return this.state.targets.find((t) => t.id === id)!;
  }

  private plans(id: string): TargetPlan {
    return this.resolved.targets.get(id)!;
  }

  private setTarget(t: TargetState, status: TargetStatus, message?: string): void {
    t.status = status;
    if (message !== undefined) t.message = message;
    this.emit({ type: 'target', target: t.id, status, ...(message !== undefined ? { message } : {}) });
  }

  private async runTarget(id: string): Promise<void> {
    const t = this.target(id);
    const plan = this.plans(id);
    this.setTarget(t, 'running');
    for (let i = 0; i < plan.steps.length; i++) {
      if (this.stopAfterStep) {
        this.markRest(t, i, 'cancelled');
        this.setTarget(t, 'cancelled', 'cancelled before this step');
        return;
      }
      const ok = await this.runOneStep(plan, plan.steps[i]!, 'deploy');
      if (!ok) {
        const state = this.stepState(t, 'deploy', plan.steps[i]!.index);
        if (state.status === 'cancelled') {
          this.markRest(t, i + 1, 'cancelled');
          this.setTarget(t, 'cancelled', 'cancelled during a step');
        } else {
          this.markRest(t, i + 1, 'skipped');
          this.setTarget(t, 'failed', `${plan.steps[i]!.name}: ${state.message ?? 'failed'}`);
        }
        return;
      }
    }
    this.setTarget(t, 'ok');
  }

  private markRest(t: TargetState, from: number, status: 'skipped' | 'cancelled'): void {
    const plan = this.plans(t.id);
    for (const step of plan.steps.slice(from)) {
      const s = this.stepState(t, 'deploy', step.index);
      s.status = status;
      this.emit({ type: 'step', target: t.id, step: { ...s } });
    }
  }

  private async rollbackTarget(id: string): Promise<void> {
    const t = this.target(id);
    const plan = this.plans(id);
    const before = t.message;
    if (plan.rollback.length === 0) return;
    this.info(id, 'rolling back\n');
    for (const step of plan.rollback) {
      const ok = await this.runOneStep(plan, step, 'rollback');
      if (!ok) {
        const s = this.stepState(t, 'rollback', step.index);
        this.setTarget(t, 'failed', `${before ? `${before}; ` : ''}rollback failed at "${step.name}": ${s.message ?? 'failed'}`);
        return;
      }
    }
    this.setTarget(t, 'rolled-back', before ? `${before} — rolled back` : 'rolled back with its batch');
  }

  private stepState(t: TargetState, phase: Phase, index: number): StepState {
    return t.steps.find((s) => s.phase === phase && s.index === index)!;
  }

  /** Run one step (target undefined: a run-level local step); true when it succeeded. */
  private async runOneStep(plan: TargetPlan | undefined, step: ExecStep, phase: Phase): Promise<boolean> {
    const targetId = plan?.target.id ?? '';
    const t = plan ? this.target(targetId) : undefined;
    const state: StepState = t ? this.stepState(t, phase, step.index) : { index: step.index, phase, status: 'pending' };
    state.status = 'running';
    state.startedAt = Date.now();
    delete state.message;
    this.emit({ type: 'step', target: targetId, step: { ...state } });
    const timeout = AbortSignal.timeout(step.timeoutMs);
    const signal = AbortSignal.any([this.now.signal, timeout]);
    try {
      await runStep(step, {
        deps: { ...this.deps.steps, confirm: (target, message, s) => this.askConfirm(target, message, s) },
        target: plan,
        output: (stream, data) => this.output(targetId, phase, step.index, stream, data),
        signal,
        saved: this.saved,
      });
      state.status = phase === 'rollback' ? 'rolled-back' : 'ok';
    } catch (error) {
      if (this.now.signal.aborted) {
        state.status = 'cancelled';
        state.message = 'cancelled';
      } else if (timeout.aborted) {
        state.status = 'failed';
        state.message = `timed out after ${Math.round(step.timeoutMs / 1000)} s`;
      } else {
        state.status = 'failed';
        state.message = this.mask(error instanceof StepFailure ? error.message : describe(error));
      }
      this.output(targetId, phase, step.index, 'stderr', `${state.message}\n`);
    }
    state.endedAt = Date.now();
    this.emit({ type: 'step', target: targetId, step: { ...state } });
    return state.status === 'ok' || state.status === 'rolled-back';
  }

  private askConfirm(target: string, message: string, signal: AbortSignal): Promise<boolean> {
    // One question on screen at a time: the next waits for this one's answer.
    const asked = this.confirmQueue.then(
      () =>
        new Promise<boolean>((resolve) => {
          if (signal.aborted || this.stopAfterStep) return resolve(false);
          const id = `c${++this.confirmCount}`;
          const done = (approved: boolean) => {
            this.confirmWaiters.delete(id);
            signal.removeEventListener('abort', onAbort);
            delete this.state.confirm;
            this.emit({ type: 'confirm', confirm: null });
            resolve(approved);
          };
          const onAbort = () => done(false);
          signal.addEventListener('abort', onAbort, { once: true });
          this.confirmWaiters.set(id, done);
          this.state.confirm = { id, target, message: this.mask(message) };
          this.emit({ type: 'confirm', confirm: this.state.confirm });
        }),
    );
    this.confirmQueue = asked.catch(() => undefined);
    return asked;
  }

  private info(target: string, text: string): void {
    this.output(target, 'deploy', -1, 'info', text);
  }

  private output(target: string, phase: Phase, index: number, stream: 'stdout' | 'stderr' | 'info', data: string): void {
    const masked = this.mask(data);
    const key = `${target}|${phase}|${index}`;
    const have = this.outputs.get(key) ?? '';
    if (have.length >= this.deps.outputCapBytes) return;
    const room = this.deps.outputCapBytes - have.length;
    const piece = masked.length > room ? `${masked.slice(0, room)}\n… output capped at ${Math.round(this.deps.outputCapBytes / 1024)} KB\n` : masked;
    this.outputs.set(key, have + piece);
    this.emit({ type: 'output', target, phase, index, stream, data: piece });
  }

  private mask(text: string): string {
    let out = text;
    for (const secret of this.resolved.secretValues) if (secret) out = out.split(secret).join('••••');
    return out;
  }

  private emit(event: DeployEvent): void {
    this.listeners.emit(event);
  }

  private startHeartbeat(): void {
    if (this.held.size === 0) return;
    const every = Math.min(HEARTBEAT_MAX_MS, Math.max(HEARTBEAT_MIN_MS, this.resolved.lockStaleAfterMs / 4));
    this.heartbeat = setInterval(() => {
      for (const [id, target] of this.held) {
        this.deps.locks.heartbeat(target, this.id).then(
          (mine) => {
            if (!mine && this.state.status === 'running') {
              this.held.delete(id);
              this.info(id, `the lock on ${id} was broken by someone else: this run no longer holds it\n`);
            }
          },
          (error: unknown) => this.deps.log.debug('lock heartbeat failed', { target: id, error: String(error) }),
        );
      }
    }, every);
    this.heartbeat.unref();
  }

  private async releaseLocks(): Promise<void> {
    await Promise.all(
      [...this.held.values()].map((target) =>
        this.deps.locks.release(target, this.id).catch((error: unknown) => {
          this.info(target.id, `could not release the lock on ${target.id}: ${describe(error)} (it turns stale; break it in Locks)\n`);
        }),
      ),
    );
    this.held.clear();
  }
}

function describe(error: unknown): string {
  const e = error as Error & { cause?: { message?: string } };
  return e?.message ?? String(error);
}
