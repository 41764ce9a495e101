// What the planner hands the runner: every step of every target rendered
// with the real parameter values (the `plan` inside is the masked copy the
// renderer sees), plus what the runner needs to mask output and keep locks.
import type { Host } from '../../../shared/contract/hosts';
import type { ParamValues, Plan, TargetLogs } from '../../../shared/contract/deploy';
import type { Recipe } from '../../../shared/deploy/recipe';

/** A recipe file read and validated. */
export interface LoadedRecipe {
  /** Absolute path. */
  file: string;
  folder: string;
  /** sha256 of the bytes, first 12 hex digits. */
  hash: string;
  recipe: Recipe;
}

export interface WorkloadRef {
  context: string;
  namespace: string;
  /** `deployment` | `statefulset` | `daemonset` */
  kind: string;
  name: string;
}

export interface ResolvedTarget {
  /** A host id, or `kube:<context>/<namespace>/<kind>/<name>`. */
  id: string;
  kind: 'host' | 'workload';
  label: string;
  host?: Host;
  workload?: WorkloadRef;
}

export interface HttpCheck {
  url: string;
  method: 'GET' | 'HEAD' | 'POST';
  status?: number | undefined;
  body?: string | undefined;
  retries: number;
  intervalMs: number;
  timeoutMs: number;
}
export interface CommandCheck {
  command: string;
  local: boolean;
  exitCode: number;
  retries: number;
  intervalMs: number;
}
export interface LogCheck {
  file?: string | undefined;
  unit?: string | undefined;
  quietMs: number;
  level: 'warn' | 'error' | 'fatal';
  match?: string | undefined;
}

interface StepBase {
  /** Index in the recipe's `steps` (or `rollback`). */
  index: number;
  name: string;
  timeoutMs: number;
}

/** One step, rendered for one target (or, `once`, for the run). */
export type ExecStep = StepBase &
  (
    | { kind: 'run'; command: string; cwd?: string | undefined }
    | { kind: 'upload'; from: string; to: string; mode?: number | undefined }
    | { kind: 'template'; content: string; to: string; mode?: number | undefined }
    | { kind: 'local'; command: string; once: boolean }
    | { kind: 'release'; action: 'prepare' | 'switch' | 'cleanup' | 'rollback' }
    | { kind: 'apply'; manifest: string }
    | { kind: 'setImage'; container: string; image: string }
    | { kind: 'rollout'; action: 'wait' | 'undo' }
    | { kind: 'gate'; gate: { http: HttpCheck } | { command: CommandCheck } | { logs: LogCheck } | { confirm: { message: string } } }
  );

/** The built-in release layout on one host, rendered. */
export interface ReleaseLayout {
  /** The deploy path: `releases/`, `current`, `.dep/` live under it. */
  path: string;
  /** This run's release directory name (the same on every host of a run). */
  name: string;
  keep: number;
}

export interface TargetPlan {
  target: ResolvedTarget;
  steps: ExecStep[];
  rollback: ExecStep[];
  release?: ReleaseLayout | undefined;
  /** The recipe's `logs:` rendered for this target (real values). */
  logs?: TargetLogs | undefined;
}

export interface ResolvedPlan {
  /** The masked plan, as the renderer shows it (locks filled in by the service). */
  plan: Plan;
  loaded: LoadedRecipe;
  /** Real values, secrets included: never sent to the renderer or written anywhere. */
  params: ParamValues;
  /** Secret values to mask in any output (longest first). */
  secretValues: string[];
  targets: Map<string, TargetPlan>;
  /** Local steps with `once`, run before the first batch. */
  once: ExecStep[];
  lockStaleAfterMs: number;
}
