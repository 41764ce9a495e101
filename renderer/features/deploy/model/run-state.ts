// A run as the run view draws it: main's DeployRun kept up to date by the
// watch stream's events, plus each step's output (capped here too: a chatty
// step must not grow the renderer without bound). Pure: events in, new state out.
import type { DeployEvent, DeployRun, PlanStep, StepState, StepStatus, TargetState } from '../../../../shared/contract/deploy';

export type Phase = 'deploy' | 'rollback';

/** Output kept per step in the renderer; main keeps its own cap for history. */
export const OUTPUT_CAP_CHARS = 256 * 1024;
const CUT_MARK = '… earlier output cut …\n';

export interface RunView {
  run: DeployRun;
  /** `target|phase|index` → text, as main's DeployRunDetail keys them. */
  outputs: Record<string, string>;
  /** Watched live (false: opened from history, read-only). */
  live: boolean;
}

export const outputKey = (target: string, phase: Phase, index: number) => `${target}|${phase}|${index}`;

/** Append, keeping the tail when over the cap (the end of a failing step's output is what matters). */
export function appendCapped(text: string, data: string, cap = OUTPUT_CAP_CHARS): string {
  const joined = text + data;
  if (joined.length <= cap) return joined;
  const tail = joined.slice(joined.length - (cap - CUT_MARK.length));
  // Start at a line boundary when one is near, so the first line shown is whole.
  const newline = tail.indexOf('\n');
  return CUT_MARK + (newline >= 0 && newline < 400 ? tail.slice(newline + 1) : tail);
}

function updateTarget(run: DeployRun, id: string, change: (t: TargetState) => TargetState): DeployRun {
  const index = run.targets.findIndex((t) => t.id === id);
  if (index < 0) return run;
  const targets = run.targets.slice();
  targets[index] = change(targets[index]!);
  return { ...run, targets };
}

function upsertStep(steps: StepState[], step: StepState): StepState[] {
  const index = steps.findIndex((s) => s.index === step.index && s.phase === step.phase);
  if (index < 0) return [...steps, step];
  const next = steps.slice();
  next[index] = step;
  return next;
}

/** Apply a batch of watch events (gathered over one animation frame) in order. */
export function applyEvents(view: RunView, events: readonly DeployEvent[]): RunView {
  let { run } = view;
  let outputs = view.outputs;
  let outputsCopied = false;
  for (const event of events) {
    switch (event.type) {
      case 'snapshot':
        run = event.run;
        break;
      case 'batch':
        run = { ...run, batch: event.batch };
        break;
      case 'target':
        run = updateTarget(run, event.target, (t) => ({ ...t, status: event.status, ...(event.message !== undefined ? { message: event.message } : {}) }));
        break;
      case 'step':
        run = updateTarget(run, event.target, (t) => ({ ...t, steps: upsertStep(t.steps, event.step) }));
        break;
      case 'output': {
        if (!outputsCopied) {
          outputs = { ...outputs };
          outputsCopied = true;
        }
        const key = outputKey(event.target, event.phase, event.index);
        outputs[key] = appendCapped(outputs[key] ?? '', event.stream === 'info' ? `› ${event.data}` : event.data);
        break;
      }
      case 'confirm': {
        const { confirm: _gone, ...rest } = run;
        run = event.confirm ? { ...run, confirm: event.confirm } : rest;
        break;
      }
      case 'finished': {
        const { confirm: _gone, cancelling: _done, ...rest } = run;
        run = { ...rest, status: event.status, finishedAt: event.finishedAt, ...(event.message !== undefined ? { message: event.message } : {}) };
        break;
      }
    }
  }
  return run === view.run && outputs === view.outputs ? view : { ...view, run, outputs };
}

/**
 * Join output fetched from history (`deploy.run`) with what the stream sent
 * since re-attaching: the two usually overlap, so join where the end of the
 * one is the start of the other instead of showing lines twice.
 */
export function mergeOutput(fetched: string, streamed: string): string {
  if (!streamed) return fetched;
  if (!fetched || fetched.includes(streamed)) return fetched || streamed;
  for (let overlap = Math.min(fetched.length, streamed.length); overlap > 0; overlap--) {
    if (fetched.endsWith(streamed.slice(0, overlap))) return fetched + streamed.slice(overlap);
  }
  return fetched + streamed;
}

export function mergeOutputs(fetched: Record<string, string>, streamed: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = { ...fetched };
  for (const [key, text] of Object.entries(streamed)) merged[key] = mergeOutput(fetched[key] ?? '', text);
  return merged;
}

/** One column of the timeline grid. */
export interface StepColumn {
  phase: Phase;
  index: number;
  name: string;
  kind: PlanStep['kind'];
}

/**
 * The grid's columns: every deploy step, then every rollback step. Targets of
 * one recipe share their steps; the union by index covers a target whose
 * list differs (a host-only step skipped for workloads, say).
 */
export function stepColumns(run: DeployRun): StepColumn[] {
  const columns = new Map<string, StepColumn>();
  for (const phase of ['deploy', 'rollback'] as const) {
    for (const target of run.plan.targets) {
      for (const step of phase === 'deploy' ? target.steps : target.rollback) {
        const key = `${phase}|${step.index}`;
        if (!columns.has(key)) columns.set(key, { phase, index: step.index, name: step.name, kind: step.kind });
      }
    }
  }
  return [...columns.values()].sort((a, b) => (a.phase === b.phase ? a.index - b.index : a.phase === 'deploy' ? -1 : 1));
}

export function stepOf(target: TargetState | undefined, phase: Phase, index: number): StepState | undefined {
  return target?.steps.find((s) => s.phase === phase && s.index === index);
}

/**
 * A cell's status. Rollback steps only run on a failed batch: until the
 * target has a failure they show as not applicable ('none') rather than as
 * pending work, which they are not.
 */
export function cellStatus(target: TargetState | undefined, column: StepColumn): StepStatus | 'none' {
  const step = stepOf(target, column.phase, column.index);
  if (column.phase === 'deploy') return step?.status ?? 'pending';
  if (step && step.status !== 'pending') return step.status;
  const failing = target?.steps.some((s) => s.phase === 'deploy' && s.status === 'failed') || target?.status === 'failed' || target?.status === 'rolled-back';
  return failing ? 'pending' : 'none';
}

/** Targets per status, for the header. */
export function targetCounts(run: DeployRun): Record<TargetState['status'], number> {
  const counts = { pending: 0, running: 0, ok: 0, failed: 0, 'rolled-back': 0, cancelled: 0, skipped: 0 };
  for (const t of run.targets) counts[t.status]++;
  return counts;
}

/** "batch 2/4" while running, "4 batches" once done, "starting" before the first. */
export function batchLabel(run: DeployRun): string {
  const n = run.plan.batches.length;
  if (run.batch < 0) return `starting (${n} batch${n === 1 ? '' : 'es'})`;
  if (run.batch >= n || run.status !== 'running') return `${n} batch${n === 1 ? '' : 'es'}`;
  return `batch ${run.batch + 1}/${n}`;
}

/** Whole seconds between start and end (or now), as "1 min 05 s" / "12 s". */
export function elapsedLabel(startedAt: number, endedAt: number): string {
  const s = Math.max(0, Math.floor((endedAt - startedAt) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export interface CellRef {
  target: string;
  phase: Phase;
  index: number;
}

/**
 * The step whose output to show when the user has not picked one: the first
 * failure (why it failed is what one wants to read), else the step running
 * now on the first busy target, else the last step that ran.
 */
export function defaultCell(run: DeployRun): CellRef | undefined {
  let last: CellRef | undefined;
  let lastAt = -1;
  let running: CellRef | undefined;
  for (const target of run.targets) {
    for (const step of target.steps) {
      const ref = { target: target.id, phase: step.phase, index: step.index };
      if (step.status === 'failed') return ref;
      if (step.status === 'running') running ??= ref;
      if ((step.startedAt ?? -1) > lastAt) {
        lastAt = step.startedAt ?? -1;
        last = ref;
      }
    }
  }
  return running ?? last;
}
