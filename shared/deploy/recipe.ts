// The recipe format: a YAML file a team keeps in its own repository. This
// schema is the one truth for it: main validates every file against it (and
// names file, line and field when one is wrong), and `npm run recipe-schema`
// exports it as JSON Schema so editors hint and complete while typing.
//
// A recipe is parameters, targets, a strategy and steps. Steps run in order
// on each target of a batch; a gate is a step that passes or fails the
// target; when a target fails, the rollback steps run on its batch. Strings
// are templates: `{{ params.version }}`, `{{ host.name }}`, `{{ release.path }}`.
import { z } from 'zod';

/** "500ms", "10s", "2m", "1h" or a number of seconds. */
export const Duration = z.union(
  [z.number().min(0).max(86_400), z.string().regex(/^\d+(?:\.\d+)?(ms|s|m|h)$/, 'a duration like 500ms, 10s, 2m or 1h')],
  { error: 'a duration like 500ms, 10s, 2m or 1h, or a number of seconds' },
);
export type Duration = z.infer<typeof Duration>;

/**
 * A value written as a template (`"{{ params.batch }}"`): fields that steer
 * the plan may come from parameters. The planner renders it and validates the
 * result the way the literal field would be validated.
 */
export const Templated = z.string().max(1000).regex(/\{\{[\s\S]*\}\}/, 'a template like {{ params.name }}');
export const isTemplated = (value: unknown): value is string => typeof value === 'string' && value.includes('{{');

/** A count ("3") or a share of the targets ("30%"). */
export const CountOrPercent = z.union([z.number().int().min(1).max(100_000), z.string().regex(/^\d+(?:\.\d+)?%$/, 'a count like 3 or a share like 30%'), Templated], {
  error: 'a count like 3, a share like 30%, or a template like {{ params.batch }}',
});

export const RecipeParam = z
  .object({
    type: z.enum(['string', 'number', 'boolean']).default('string'),
    description: z.string().max(2000).optional(),
    default: z.union([z.string(), z.number(), z.boolean()], { error: 'a string, number or boolean' }).optional(),
    choices: z.array(z.union([z.string(), z.number()])).min(1).max(200).optional(),
    /** Masked everywhere (plan, output, history); asked at run time or read from the secret store. */
    secret: z.boolean().default(false),
    required: z.boolean().default(true),
  })
  .strict();
export type RecipeParam = z.infer<typeof RecipeParam>;

/** Hosts from the inventory: names (globs allowed), `group:NAME`, `tag:NAME`. */
const HostSelector = z.string().min(1).max(200);

/** `deployment/web`: the kinds a rollout applies to, and a Kubernetes object name. */
export const WORKLOAD_REF = /^(deployment|statefulset|daemonset)\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export const KubeTarget = z
  .object({
    /** All three may be templates (`{{ params.namespace }}`), checked again once rendered. */
    context: z.string().min(1).max(253),
    namespace: z.string().min(1).max(253).default('default'),
    /** `deployment/web`, `statefulset/db`, `daemonset/agent`. */
    workload: z.union([z.string().regex(WORKLOAD_REF), Templated], { error: 'kind/name, e.g. deployment/web (or a template)' }),
  })
  .strict();
export type KubeTarget = z.infer<typeof KubeTarget>;

export const RecipeTargets = z
  .object({
    hosts: z.array(HostSelector).max(1000).optional(),
    kube: z.array(KubeTarget).max(100).optional(),
  })
  .strict()
  .refine((t) => (t.hosts?.length ?? 0) + (t.kube?.length ?? 0) > 0, 'name at least one host or Kubernetes workload');
export type RecipeTargets = z.infer<typeof RecipeTargets>;

export const HttpGate = z
  .object({
    url: z.string().min(1).max(4096),
    method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
    /** Expected status (default: any 2xx). */
    status: z.number().int().min(100).max(599).optional(),
    /** A regular expression the body must match. */
    body: z.string().max(2000).optional(),
    retries: z.number().int().min(0).max(1000).default(10),
    interval: Duration.default('1s'),
    timeout: Duration.default('5s'),
  })
  .strict();

export const CommandGate = z
  .object({
    command: z.string().min(1).max(100_000),
    /** Where it runs: on the target (default) or on this machine. */
    local: z.boolean().default(false),
    exitCode: z.number().int().default(0),
    retries: z.number().int().min(0).max(1000).default(0),
    interval: Duration.default('1s'),
  })
  .strict();

/** No error-level line from the target's logs for `quiet` (read through the Logs service). */
export const LogGate = z
  .object({
    /** A file on the host (default for host targets: none — give one) or journald unit; pods for workloads. */
    file: z.string().min(1).max(4096).optional(),
    unit: z.string().min(1).max(256).optional(),
    quiet: Duration.default('10s'),
    /** The lowest level that trips the gate. */
    level: z.enum(['warn', 'error', 'fatal']).default('error'),
    /** Only lines matching this regular expression count. */
    match: z.string().max(2000).optional(),
  })
  .strict();

export const ConfirmGate = z.object({ message: z.string().min(1).max(2000) }).strict();

export const Gate = z
  .object({ http: HttpGate.optional(), command: CommandGate.optional(), logs: LogGate.optional(), confirm: ConfirmGate.optional() })
  .strict()
  .refine((g) => [g.http, g.command, g.logs, g.confirm].filter(Boolean).length === 1, 'a gate is exactly one of http, command, logs, confirm');

/** The steps a recipe may take; each step object holds exactly one of these keys (plus name/timeout). */
export const STEP_ACTIONS = ['run', 'upload', 'template', 'local', 'release', 'apply', 'setImage', 'rollout', 'gate'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export const Step = z
  .object({
    name: z.string().min(1).max(200).optional(),
    /** How long the step may take before it fails the target (default 10m). */
    timeout: Duration.optional().describe('How long the step may take (default 10m).'),
    /** A command over SSH on the host (run by `sh -c` in the login directory, or `cwd`). */
    run: z.string().min(1).max(100_000).optional().describe('A command over SSH on the host.'),
    cwd: z.string().max(4096).optional(),
    /** A file from the recipe's folder (or an absolute path) copied to the host. */
    upload: z.object({ from: z.string().min(1).max(4096), to: z.string().min(1).max(4096), mode: z.string().regex(/^0?[0-7]{3}$/).optional() }).strict().optional(),
    /** A template (file `from`, or inline `content`) rendered per target and written on the host. */
    template: z
      .object({ from: z.string().min(1).max(4096).optional(), content: z.string().max(1_000_000).optional(), to: z.string().min(1).max(4096), mode: z.string().regex(/^0?[0-7]{3}$/).optional() })
      .strict()
      .refine((t) => (t.from === undefined) !== (t.content === undefined), 'give either from or content')
      .optional(),
    /** A command on this machine, once per run before any batch (`once`, default) or once per target. */
    local: z.string().min(1).max(100_000).optional().describe('A command on this machine (once per run unless once: false).'),
    once: z.boolean().optional(),
    /** The built-in Deployer-style release: prepare `releases/<stamp>`, switch `current`, clean old, roll back. */
    release: z.enum(['prepare', 'switch', 'cleanup', 'rollback']).optional().describe('A built-in release step (needs the release: section).'),
    /** Kubernetes: apply a manifest (a file from the recipe's folder, rendered as a template). */
    apply: z.object({ manifest: z.string().min(1).max(4096) }).strict().optional(),
    /** Kubernetes: set a container's image on the target workload. */
    setImage: z.object({ container: z.string().min(1).max(253), image: z.string().min(1).max(1000) }).strict().optional(),
    /** Kubernetes: wait for the workload's rollout (`wait`) or undo it to the previous revision (`undo`). */
    rollout: z.enum(['wait', 'undo']).optional().describe("Wait for the workload's rollout, or undo it."),
    gate: Gate.optional().describe('Pass or fail the target: http, command, logs or confirm.'),
  })
  .strict()
  .superRefine((step, ctx) => {
    const actions = STEP_ACTIONS.filter((a) => step[a] !== undefined);
    if (actions.length !== 1) {
      ctx.addIssue({ code: 'custom', message: actions.length === 0 ? `a step needs one of: ${STEP_ACTIONS.join(', ')}` : `a step has one action, this one has ${actions.join(' and ')}` });
    }
    if (step.cwd !== undefined && step.run === undefined) ctx.addIssue({ code: 'custom', path: ['cwd'], message: 'cwd goes with run' });
    if (step.once !== undefined && step.local === undefined) ctx.addIssue({ code: 'custom', path: ['once'], message: 'once goes with local' });
  });
export type Step = z.infer<typeof Step>;

export const Strategy = z
  .object({
    /** Targets per batch (count or percent); default: all at once. */
    batch: CountOrPercent.optional(),
    /** Failed targets (count or percent of all) after which no new batch starts; default 1. */
    maxFailures: z
      .union([z.number().int().min(0).max(100_000), z.string().regex(/^\d+(?:\.\d+)?%$/), Templated], { error: 'a count like 1, a share like 10%, or a template' })
      .default(1),
    /** Wait between batches. */
    pause: z.union([Duration, Templated], { error: 'a duration like 500ms, 10s, 2m or 1h, a number of seconds, or a template' }).default(0),
    /** Targets of one batch at once (default: the whole batch). */
    concurrency: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export type Strategy = z.infer<typeof Strategy>;

export const ReleaseConfig = z
  .object({
    /** The deploy path: `releases/`, `current` and `.dep/` live under it. */
    path: z.string().min(1).max(4096),
    /** Releases kept after cleanup. */
    keep: z.number().int().min(1).max(100).default(5),
  })
  .strict();

/**
 * Where a host target's logs are: shown beside a run as it goes, and read by
 * a log gate that names no source of its own. A workload's logs are its pods'
 * (every container), found by the workload's selector; `container` narrows them.
 */
export const RecipeLogs = z
  .object({
    file: z.string().min(1).max(4096).optional().describe('A log file on each host (a template, e.g. {{ release.deployPath }}/shared/app.log).'),
    unit: z.string().min(1).max(256).optional().describe('A journald unit on each host (journalctl -u).'),
    container: z.string().min(1).max(253).optional().describe("A workload's container whose logs to show (default: all)."),
  })
  .strict()
  .refine((l) => !(l.file !== undefined && l.unit !== undefined), 'give a file or a unit, not both');
export type RecipeLogs = z.infer<typeof RecipeLogs>;

export const Recipe = z
  .object({
    name: z.string().min(1).max(100).describe('What the recipe is called in the app.'),
    description: z.string().max(10_000).default('').describe('One or two sentences shown beside the name.'),
    params: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'parameter names are letters, digits and _'), RecipeParam).default({}).describe('Parameters asked for at run time; steps use them as {{ params.NAME }}.'),
    targets: RecipeTargets.describe('Hosts from the inventory (names, globs, group:NAME, tag:NAME) or Kubernetes workloads.'),
    strategy: Strategy.prefault({}).describe('Rolling batches, failures that stop the run, pause between batches.'),
    release: ReleaseConfig.optional().describe('The built-in Deployer-style release layout: releases/<stamp>, current, keep N.'),
    logs: RecipeLogs.optional().describe("Where the targets' logs are: shown beside a run, and read by log gates that name none."),
    steps: z.array(Step).min(1).max(500).describe('Run in order on each target of a batch; each step has exactly one action.'),
    /** Run on a failed batch when a step or gate fails. */
    rollback: z.array(Step).max(500).default([]).describe('Run on the targets of a failed batch.'),
    /** Also roll back the batches that finished before the failure. */
    rollbackDone: z.boolean().default(false),
    /** Seconds a lock's heartbeat may be silent before the lock counts as stale. */
    lockStaleAfter: Duration.default('60s'),
  })
  .strict();
export type Recipe = z.infer<typeof Recipe>;

/** Duration to milliseconds. */
export function durationMs(d: Duration): number {
  if (typeof d === 'number') return d * 1000;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(d)!;
  const n = Number(m[1]);
  const unit = m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 3_600_000;
  return n * unit;
}

/**
 * The recipe format as JSON Schema (the input side: fields with defaults are
 * optional), for editors. `npm run recipe-schema` writes it to
 * docs/recipe.schema.json; a unit test fails when that file is stale.
 */
export function recipeJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Recipe, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return {
    $schema: schema.$schema,
    $id: 'https://devops-workbench.dev/schemas/recipe.schema.json',
    title: 'DevOps Workbench deployment recipe',
    description: 'Parameters, targets, a rolling strategy and steps. Strings are templates: {{ params.version }}, {{ host.name }}, {{ release.path }}.',
    ...schema,
  };
}
