// Deployments: recipes (YAML files) turned into a plan, run in rolling
// batches with gates and rollback, under a lock per target, kept in history.
// The recipe format itself is `shared/deploy/recipe.ts`.
import { z } from 'zod';
import { LogSourceSpec } from './logs';

const RecipeFile = z.string().min(1).max(4096);
export const ParamValue = z.union([z.string().max(100_000), z.number(), z.boolean()]);
export type ParamValue = z.infer<typeof ParamValue>;
export const ParamValues = z.record(z.string().max(100), ParamValue);
export type ParamValues = z.infer<typeof ParamValues>;

/** A recipe that failed to load: which file, where, which field, why. */
export const RecipeProblem = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  /** `steps[2].gate.http.status` ('' for the file as a whole). */
  field: z.string(),
  message: z.string(),
});
export type RecipeProblem = z.infer<typeof RecipeProblem>;

export const RecipeParamInfo = z.object({
  name: z.string(),
  type: z.enum(['string', 'number', 'boolean']),
  description: z.string().optional(),
  default: ParamValue.optional(),
  choices: z.array(z.union([z.string(), z.number()])).optional(),
  secret: z.boolean(),
  required: z.boolean(),
  /** Secrets only: a value is in the secret store (never sent). */
  stored: z.boolean().optional(),
});
export type RecipeParamInfo = z.infer<typeof RecipeParamInfo>;

export const RecipeSummary = z.object({
  /** The file (absolute): recipes are named by where they live. */
  file: z.string(),
  folder: z.string(),
  name: z.string(),
  description: z.string(),
  /** sha256 of the file's bytes, first 12 hex digits: the version history records. */
  hash: z.string(),
  params: z.array(RecipeParamInfo),
  /** Human summary: "hosts: group:web (10)", "deployment/web in shop@prod". */
  targets: z.array(z.string()),
  stepCount: z.number().int(),
  /** The values of the last run of this recipe (secrets left out), to prefill the form. */
  lastParams: ParamValues.optional(),
});
export type RecipeSummary = z.infer<typeof RecipeSummary>;

export const RecipeList = z.object({
  recipes: z.array(RecipeSummary),
  problems: z.array(RecipeProblem),
  /** Folders read: the user's recipes folder first, then the ones added in Settings. */
  folders: z.array(z.string()),
});
export type RecipeList = z.infer<typeof RecipeList>;

export const StepKind = z.enum(['run', 'upload', 'template', 'local', 'release', 'apply', 'setImage', 'rollout', 'gate']);
export type StepKind = z.infer<typeof StepKind>;

export const PlanStep = z.object({
  index: z.number().int(),
  name: z.string(),
  kind: StepKind,
  /** The rendered command / file / URL, secrets masked as `••••`. */
  detail: z.string(),
  /** Local steps with `once`: run once before the first batch, not per target. */
  once: z.boolean().optional(),
});
export type PlanStep = z.infer<typeof PlanStep>;

export const TargetKind = z.enum(['host', 'workload']);

export const LockInfo = z.object({
  /** The target id: a host id, or `kube:<context>/<namespace>/<kind>/<name>`. */
  target: z.string(),
  runId: z.string(),
  recipe: z.string(),
  machine: z.string(),
  user: z.string(),
  /** Epoch ms. */
  since: z.number(),
  heartbeatAt: z.number(),
  /** No heartbeat for longer than the recipe allows: its run has died. */
  stale: z.boolean(),
});
export type LockInfo = z.infer<typeof LockInfo>;

/** Where a target's logs are, from the recipe's `logs:` (hosts: a file or a unit, rendered; workloads: their pods). */
export const TargetLogs = z.object({ file: z.string().optional(), unit: z.string().optional(), container: z.string().optional() });
export type TargetLogs = z.infer<typeof TargetLogs>;

export const PlanTarget = z.object({
  id: z.string(),
  kind: TargetKind,
  label: z.string(),
  steps: z.array(PlanStep),
  rollback: z.array(PlanStep),
  logs: TargetLogs.optional(),
});
export type PlanTarget = z.infer<typeof PlanTarget>;

export const Plan = z.object({
  recipe: z.object({ name: z.string(), file: z.string(), hash: z.string() }),
  /** Secrets masked. */
  params: z.record(z.string(), z.string()),
  strategy: z.object({ batchSize: z.number().int(), maxFailures: z.number().int(), pauseMs: z.number(), concurrency: z.number().int() }),
  /** Target ids per batch, in order. */
  batches: z.array(z.array(z.string())),
  targets: z.array(PlanTarget),
  /** Steps run once on this machine before the first batch. */
  once: z.array(PlanStep),
  /** Locks held now on any target (the run would be refused while one is live). */
  locks: z.array(LockInfo),
  /** Secrets with no value given and none stored: the run will ask for them. */
  missingSecrets: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type Plan = z.infer<typeof Plan>;

export const PlanRequest = z.object({
  file: RecipeFile,
  params: ParamValues.default({}),
  /** Only these targets (ids); empty: all the recipe names. */
  only: z.array(z.string().max(400)).max(5000).default([]),
});
export type PlanRequest = z.infer<typeof PlanRequest>;

export const StartRequest = PlanRequest.extend({
  /** Keep the secret values given here in the secret store for next time. */
  rememberSecrets: z.boolean().default(false),
});
export type StartRequest = z.infer<typeof StartRequest>;

export const StepStatus = z.enum(['pending', 'running', 'ok', 'failed', 'skipped', 'rolled-back', 'cancelled']);
export type StepStatus = z.infer<typeof StepStatus>;
export const TargetStatus = z.enum(['pending', 'running', 'ok', 'failed', 'rolled-back', 'cancelled', 'skipped']);
export type TargetStatus = z.infer<typeof TargetStatus>;
export const DeployRunStatus = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type DeployRunStatus = z.infer<typeof DeployRunStatus>;

export const StepState = z.object({
  index: z.number().int(),
  phase: z.enum(['deploy', 'rollback']),
  status: StepStatus,
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
  /** Why it failed (a gate: HTTP status and body excerpt, exit code, the log line that tripped it). */
  message: z.string().optional(),
});
export type StepState = z.infer<typeof StepState>;

export const TargetState = z.object({
  id: z.string(),
  batch: z.number().int(),
  status: TargetStatus,
  steps: z.array(StepState),
  message: z.string().optional(),
});
export type TargetState = z.infer<typeof TargetState>;

export const DeployRun = z.object({
  id: z.string(),
  plan: Plan,
  status: DeployRunStatus,
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  /** The batch running now (-1 before the first, batches.length when done). */
  batch: z.number().int(),
  targets: z.array(TargetState),
  message: z.string().optional(),
  /** A confirmation gate waiting for an answer. */
  confirm: z.object({ id: z.string(), target: z.string(), message: z.string() }).optional(),
  cancelling: z.enum(['after-step', 'now']).optional(),
});
export type DeployRun = z.infer<typeof DeployRun>;

export const DeployEvent = z.discriminatedUnion('type', [
  /** First event, and again when much changed: the whole state. */
  z.object({ type: z.literal('snapshot'), run: DeployRun }),
  z.object({ type: z.literal('batch'), batch: z.number().int() }),
  z.object({ type: z.literal('target'), target: z.string(), status: TargetStatus, message: z.string().optional() }),
  z.object({ type: z.literal('step'), target: z.string(), step: StepState }),
  /** Output of a step (for once-steps, target is ''). Secrets masked. */
  z.object({ type: z.literal('output'), target: z.string(), phase: z.enum(['deploy', 'rollback']), index: z.number().int(), stream: z.enum(['stdout', 'stderr', 'info']), data: z.string() }),
  z.object({ type: z.literal('confirm'), confirm: z.object({ id: z.string(), target: z.string(), message: z.string() }).nullable() }),
  z.object({ type: z.literal('finished'), status: DeployRunStatus, message: z.string().optional(), finishedAt: z.number() }),
]);
export type DeployEvent = z.infer<typeof DeployEvent>;

export const DeployRunSummary = z.object({
  id: z.string(),
  recipe: z.string(),
  file: z.string(),
  hash: z.string(),
  user: z.string(),
  machine: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  status: DeployRunStatus,
  /** Secrets masked. */
  params: z.record(z.string(), z.string()),
  targets: z.number().int(),
  counts: z.record(TargetStatus, z.number().int()),
});
export type DeployRunSummary = z.infer<typeof DeployRunSummary>;

export const DeployRunDetail = z.object({
  summary: DeployRunSummary,
  /** The run as it ended (the live snapshot for a run still going). */
  run: DeployRun,
  /** Output per target and step, `target|phase|index` → text (capped). */
  outputs: z.record(z.string(), z.string()),
});
export type DeployRunDetail = z.infer<typeof DeployRunDetail>;

/** The log sources of a run's targets, to show beside the run; targets whose logs are not known say why. */
export const RunLogSources = z.object({
  sources: z.array(z.object({ target: z.string(), spec: LogSourceSpec })),
  missing: z.array(z.object({ target: z.string(), reason: z.string() })),
});
export type RunLogSources = z.infer<typeof RunLogSources>;

export const DeploySettings = z.object({
  /** Extra folders of recipes (a repository's `deploy/`, say), besides the user's own. */
  folders: z.array(z.string().min(1).max(4096)).max(50).default([]),
  /** Output kept per step in history. */
  outputCapKb: z.number().int().min(1).max(65536).default(256),
});
export type DeploySettings = z.infer<typeof DeploySettings>;
