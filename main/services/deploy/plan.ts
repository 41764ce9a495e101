// The planner: a loaded recipe + parameter values + the inventory → every
// step of every target rendered (ResolvedPlan, for the runner) and the same
// plan with secrets masked (Plan, for the renderer's dry-run view).
//
// Everything that can be wrong with a run is found here, before anything
// runs: unknown or mistyped parameters, selectors that match nothing,
// misspelt template names, steps that do not fit their target, missing files.
//
// Strategy numbers, decided here and relied on by the runner:
// - batchSize: a count (capped at the number of targets) or a percent of the
//   targets rounded up; at least 1; default all targets in one batch.
// - maxFailures: the number of failed targets at which the run stops (no new
//   batch starts; the failed batch is rolled back). A percent is of all
//   targets, rounded down but at least 1 — "10%" of 5 hosts stops at the
//   first failure rather than never. 0 is taken as 1 (with a warning): a run
//   cannot stop before a target has failed.
// - concurrency: targets of one batch at once, default (and at most) the batch size.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParamValue, ParamValues, Plan, PlanStep, PlanTarget, TargetLogs } from '../../../shared/contract/deploy';
import type { Host } from '../../../shared/contract/hosts';
import { durationMs, isTemplated, WORKLOAD_REF, type Recipe, type Step } from '../../../shared/deploy/recipe';
import { workloadId } from '../../../shared/deploy/target-id';
import { matchHosts } from './targets';
import { buildScope, renderTemplate, TemplateError, type ScopeParts } from './template';
import type { ExecStep, LoadedRecipe, ReleaseLayout, ResolvedPlan, ResolvedTarget, TargetPlan, WorkloadRef } from './types';

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

export interface PlanInput {
  loaded: LoadedRecipe;
  params: ParamValues;
  /** Only these target ids; empty: every target the recipe names. */
  only: string[];
  hosts: Host[];
  /** A secret parameter's stored value. */
  secret(name: string): string | undefined;
  /** This run's release directory name (the same on every host). */
  releaseName: string;
  runId: string;
}

export const MASK = '••••';
export const DEFAULT_STEP_TIMEOUT_MS = 10 * 60_000;

const HOST_ONLY = new Set(['run', 'upload', 'template', 'release']);
const KUBE_ONLY = new Set(['apply', 'setImage', 'rollout']);

type Values = Record<string, ParamValue | undefined>;

export function buildPlan(input: PlanInput): ResolvedPlan {
  try {
    return plan(input);
  } catch (err) {
    if (err instanceof TemplateError) throw new PlanError(err.message);
    throw err;
  }
}

function plan(input: PlanInput): ResolvedPlan {
  const { loaded } = input;
  const { recipe } = loaded;
  const warnings: string[] = [];
  const params = resolveParams(recipe, input.params, input.secret);
  const runScope = { runId: input.runId };

  // Values usable where there is no target yet (strategy, Kubernetes target fields, once steps).
  const global = globalParams(params.real, params.secrets, input.runId);
  const globalScope = buildScope({ params: global.values, ...runScope, unsetParams: global.unset, absent: { host: 'there is no host here (strategy, Kubernetes targets and local once steps run without one)' } });

  const targets = resolveTargets(recipe, input, globalScope, warnings);
  const strategy = resolveStrategy(recipe, targets.length, globalScope, warnings);
  const batches: string[][] = [];
  for (let i = 0; i < targets.length; i += strategy.batchSize) batches.push(targets.slice(i, i + strategy.batchSize).map((t) => t.id));

  const files = new FileCache(path.dirname(loaded.file));
  const targetPlans = new Map<string, TargetPlan>();
  const planTargets: PlanTarget[] = [];
  for (const target of targets) {
    const realParams = paramsFor(target, params.real, params.secrets, input.runId);
    const maskedParams = { ...realParams, ...maskOf(params) };
    const release = releaseFor(recipe, target, realParams, input);
    const scopeOf = (values: Values): ScopeParts => ({
      params: values,
      ...runScope,
      host: target.host,
      target: target.workload,
      release: release ? { deployPath: release.path, name: release.name } : undefined,
    });
    const real = buildScope(scopeOf(realParams));
    const masked = buildScope(scopeOf(maskedParams));
    const deploy = recipe.steps.map((step, index) => ({ step, index, where: `steps[${index}]` })).filter(({ step }) => !isOnce(step));
    const rollback = recipe.rollback.map((step, index) => ({ step, index, where: `rollback[${index}]` })).filter(({ step }) => !isOnce(step));
    for (const { step, where } of [...deploy, ...rollback]) checkFits(step, where, target, recipe);
    const render = (list: typeof deploy, scope: typeof real) => list.map(({ step, index, where }) => renderStep(step, index, where, scope, files));
    const logs = logsFor(recipe, target, real);
    targetPlans.set(target.id, { target, steps: render(deploy, real), rollback: render(rollback, real), release, logs });
    planTargets.push({
      id: target.id,
      kind: target.kind,
      label: target.label,
      steps: render(deploy, masked).map((s) => planStep(s, release, recipe.steps[s.index]!)),
      rollback: render(rollback, masked).map((s) => planStep(s, release, recipe.rollback[s.index]!)),
      ...(logs ? { logs: logsFor(recipe, target, masked) } : {}),
    });
  }

  const maskedGlobal = buildScope({ params: { ...global.values, ...maskOf(params) }, ...runScope, unsetParams: global.unset, absent: { host: 'a local once step runs on this machine, with no host' } });
  const onceRealScope = buildScope({ params: global.values, ...runScope, unsetParams: global.unset, absent: { host: 'a local once step runs on this machine, with no host' } });
  const onceSteps = recipe.steps.map((step, index) => ({ step, index })).filter(({ step }) => isOnce(step));
  const once = onceSteps.map(({ step, index }) => renderStep(step, index, `steps[${index}]`, onceRealScope, files));
  const oncePlan = onceSteps.map(({ step, index }) => ({ ...planStep(renderStep(step, index, `steps[${index}]`, maskedGlobal, files), undefined, step), once: true }));
  if (recipe.rollback.some(isOnce)) warnings.push('rollback steps run per failed target: local rollback steps run once per target, not once per run');

  const shownParams: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.real)) {
    if (value === undefined || params.missingSecrets.includes(name)) continue;
    shownParams[name] = params.secrets.has(name) ? MASK : String(value);
  }
  const realParams: ParamValues = Object.fromEntries(
    Object.entries(params.real).filter((e): e is [string, ParamValue] => e[1] !== undefined && !params.missingSecrets.includes(e[0])),
  );

  return {
    plan: {
      recipe: { name: recipe.name, file: loaded.file, hash: loaded.hash },
      params: shownParams,
      strategy,
      batches,
      targets: planTargets,
      once: oncePlan,
      locks: [],
      missingSecrets: params.missingSecrets,
      warnings,
    } satisfies Plan,
    loaded,
    params: realParams,
    secretValues: [...new Set(params.secretValues)].sort((a, b) => b.length - a.length),
    targets: targetPlans,
    once,
    lockStaleAfterMs: durationMs(recipe.lockStaleAfter),
  };
}

// ---------------------------------------------------------------- parameters

interface ResolvedParams {
  /** Every declared parameter: the given value, the stored secret, the default, or undefined. */
  real: Values;
  secrets: Set<string>;
  secretValues: string[];
  missingSecrets: string[];
}

function resolveParams(recipe: Recipe, given: ParamValues, stored: (name: string) => string | undefined): ResolvedParams {
  const declared = Object.keys(recipe.params);
  for (const name of Object.keys(given)) {
    if (!(name in recipe.params)) throw new PlanError(`unknown parameter "${name}" (${declared.length ? `parameters: ${declared.join(', ')}` : 'this recipe has none'})`);
  }
  const out: ResolvedParams = { real: {}, secrets: new Set(), secretValues: [], missingSecrets: [] };
  for (const [name, spec] of Object.entries(recipe.params)) {
    let value: ParamValue | undefined = given[name];
    if (value === '' && spec.type !== 'string') value = undefined;
    if (spec.secret) {
      out.secrets.add(name);
      if (value === undefined || value === '') value = stored(name) ?? spec.default;
    }
    value ??= spec.default;
    if (value === undefined) {
      if (spec.secret && spec.required) {
        // Planned with an empty value so the dry run still shows every step; the
        // service must not start a run while plan.missingSecrets is not empty.
        out.missingSecrets.push(name);
        out.real[name] = '';
        continue;
      }
      if (spec.required) throw new PlanError(`parameter ${name} is required${spec.description ? ` (${spec.description})` : ''}`);
      out.real[name] = undefined;
      continue;
    }
    value = coerce(name, spec.type, value);
    if (spec.choices && !spec.choices.some((c) => String(c) === String(value))) {
      throw new PlanError(`parameter ${name}: ${spec.secret ? 'the value' : JSON.stringify(value)} is not one of ${spec.choices.map((c) => JSON.stringify(c)).join(', ')}`);
    }
    out.real[name] = value;
    if (spec.secret && String(value) !== '') out.secretValues.push(String(value));
  }
  return out;
}

/** Form fields arrive as text: "8080" is a fine number, "yes" is not. */
function coerce(name: string, type: 'string' | 'number' | 'boolean', value: ParamValue): ParamValue {
  if (type === 'string') return typeof value === 'string' ? value : String(value);
  if (type === 'number') {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
    throw new PlanError(`parameter ${name} must be a number, got ${JSON.stringify(value)}`);
  }
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new PlanError(`parameter ${name} must be true or false, got ${JSON.stringify(value)}`);
}

function maskOf(params: ResolvedParams): Values {
  return Object.fromEntries([...params.secrets].map((name) => [name, MASK]));
}

/**
 * Parameter values are templates too (`deploy_path: /srv/{{ host.name }}`,
 * `restart: systemctl restart {{ params.service }}`), rendered per target;
 * a value may use other parameters (in any order, not in a circle).
 * Secrets are taken as written: a password may contain `{{`.
 * Returns the values that rendered and, for the others, why not.
 */
function renderParams(real: Values, secrets: Set<string>, parts: Pick<ScopeParts, 'host' | 'target' | 'runId'>): { values: Values; failed: Map<string, TemplateError> } {
  const values: Values = {};
  const failed = new Map<string, TemplateError>();
  const visit = (name: string, chain: readonly string[]): void => {
    if (name in values || failed.has(name)) return;
    const value = real[name];
    if (typeof value !== 'string' || secrets.has(name) || !isTemplated(value)) {
      values[name] = value;
      return;
    }
    if (chain.includes(name)) throw new PlanError(`params.${name}: parameters refer to each other in a circle: ${[...chain, name].join(' → ')}`);
    for (const [, dep] of value.matchAll(/params\.([A-Za-z_]\w*)/g)) if (dep! in real) visit(dep!, [...chain, name]);
    const known: Values = Object.fromEntries(Object.keys(real).map((n) => [n, values[n]]));
    const unsetParams = Object.fromEntries([...failed].map(([n, err]) => [n, `params.${n} cannot be rendered here: ${err.reason}`]));
    try {
      values[name] = renderTemplate(value, buildScope({ ...parts, params: known, unsetParams }), `params.${name}`);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      failed.set(name, err);
    }
  };
  for (const name of Object.keys(real)) visit(name, []);
  return { values, failed };
}

/** The parameters for one target: any value that cannot be rendered for it fails the plan. */
function paramsFor(target: ResolvedTarget, real: Values, secrets: Set<string>, runId: string): Values {
  const { values, failed } = renderParams(real, secrets, { host: target.host, target: target.workload, runId });
  const [first] = failed.values();
  if (first) throw new PlanError(`${first.where} (for ${target.label}): ${first.reason}`);
  return values;
}

/** Parameter values without a target: those that depend on one are unset, with the reason. */
function globalParams(real: Values, secrets: Set<string>, runId: string): { values: Values; unset: Record<string, string> } {
  const { values, failed } = renderParams(real, secrets, { runId });
  const unset: Record<string, string> = {};
  for (const [name, err] of failed) {
    values[name] = undefined;
    unset[name] = `params.${name} (${JSON.stringify(real[name])}) depends on the target and cannot be used here: ${err.reason}`;
  }
  return { values, unset };
}

// ------------------------------------------------------------------- targets

function resolveTargets(recipe: Recipe, input: PlanInput, scope: ReturnType<typeof buildScope>, warnings: string[]): ResolvedTarget[] {
  const all: ResolvedTarget[] = [];
  const selectors = (recipe.targets.hosts ?? []).map((selector, i) => renderTemplate(selector, scope, `targets.hosts[${i}]`).trim());
  const matched = matchHosts(selectors, input.hosts);
  for (const selector of matched.unmatched) warnings.push(`targets.hosts: ${selector} matches no host in the inventory`);
  for (const host of matched.hosts) all.push({ id: host.id, kind: 'host', label: host.id, host });

  (recipe.targets.kube ?? []).forEach((kube, i) => {
    const where = `targets.kube[${i}]`;
    const context = renderTemplate(kube.context, scope, `${where}.context`).trim();
    const namespace = renderTemplate(kube.namespace, scope, `${where}.namespace`).trim();
    const workload = renderTemplate(kube.workload, scope, `${where}.workload`).trim();
    if (!context) throw new PlanError(`${where}.context: "${kube.context}" renders to nothing`);
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) throw new PlanError(`${where}.namespace: "${namespace}" is not a Kubernetes namespace name`);
    if (!WORKLOAD_REF.test(workload)) throw new PlanError(`${where}.workload: "${workload}" is not kind/name like deployment/web (kinds: deployment, statefulset, daemonset)`);
    const [kind, name] = workload.split('/') as [string, string];
    const ref: WorkloadRef = { context, namespace, kind, name };
    const id = workloadId(ref);
    if (!all.some((t) => t.id === id)) all.push({ id, kind: 'workload', label: `${kind}/${name} in ${namespace} (${context})`, workload: ref });
  });

  let targets = all;
  if (input.only.length > 0) {
    const ids = new Set(all.map((t) => t.id));
    for (const id of input.only) {
      if (ids.has(id)) continue;
      if (!id.startsWith('kube:') && !input.hosts.some((h) => h.id === id)) throw new PlanError(`unknown host "${id}" in the targets chosen (not in the inventory)`);
      throw new PlanError(`"${id}" is not a target of recipe ${recipe.name} (its targets: ${describeTargets(recipe)})`);
    }
    const only = new Set(input.only);
    targets = all.filter((t) => only.has(t.id));
  }
  if (targets.length === 0) throw new PlanError(`no target matched: ${describeTargets(recipe)} name no host in the inventory (${input.hosts.length} hosts)`);
  return targets;
}

function describeTargets(recipe: Recipe): string {
  const parts = [...(recipe.targets.hosts ?? []), ...(recipe.targets.kube ?? []).map((k) => `${k.workload} in ${k.namespace} (${k.context})`)];
  return parts.join(', ');
}

// ------------------------------------------------------------------ strategy

function resolveStrategy(recipe: Recipe, count: number, scope: ReturnType<typeof buildScope>, warnings: string[]): Plan['strategy'] {
  const s = recipe.strategy;
  const render = (value: string | number, field: string) => (isTemplated(value) ? renderTemplate(value, scope, `strategy.${field}`).trim() : value);

  let batchSize = count;
  if (s.batch !== undefined) {
    const batch = countOrPercent(render(s.batch, 'batch'), 'strategy.batch');
    batchSize = batch.percent ? Math.ceil((count * batch.value) / 100) : batch.value;
    if (batchSize < 1) throw new PlanError('strategy.batch: a batch needs at least one target');
  }
  batchSize = Math.max(1, Math.min(batchSize, count));

  const max = countOrPercent(render(s.maxFailures, 'maxFailures'), 'strategy.maxFailures');
  let maxFailures = max.percent ? Math.floor((count * max.value) / 100) : max.value;
  if (maxFailures < 1) {
    if (!max.percent) warnings.push('strategy.maxFailures 0 is taken as 1: the run stops at the first failed target');
    maxFailures = 1;
  }

  const pause = render(s.pause, 'pause');
  let pauseMs: number;
  if (typeof pause === 'number') pauseMs = durationMs(pause);
  else if (/^\d+(\.\d+)?$/.test(pause)) pauseMs = Number(pause) * 1000;
  else if (/^\d+(?:\.\d+)?(ms|s|m|h)$/.test(pause)) pauseMs = durationMs(pause);
  else throw new PlanError(`strategy.pause: "${pause}" is not a duration like 500ms, 10s, 2m or 1h`);

  const concurrency = Math.min(s.concurrency ?? batchSize, batchSize);
  return { batchSize, maxFailures, pauseMs, concurrency };
}

function countOrPercent(value: string | number, field: string): { value: number; percent: boolean } {
  if (typeof value === 'number') return { value, percent: false };
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(value);
  if (!m || (!m[2] && !Number.isInteger(Number(m[1])))) throw new PlanError(`${field}: "${value}" is not a count like 3 or a share like 30%`);
  const n = Number(m[1]);
  if (m[2] && n > 100) throw new PlanError(`${field}: ${value} is more than 100%`);
  return { value: n, percent: m[2] === '%' };
}

// --------------------------------------------------------------------- steps

const isOnce = (step: Step) => step.local !== undefined && step.once !== false;

function actionOf(step: Step): ExecStep['kind'] {
  const kinds = ['run', 'upload', 'template', 'local', 'release', 'apply', 'setImage', 'rollout', 'gate'] as const;
  return kinds.find((k) => step[k] !== undefined)!;
}

function checkFits(step: Step, where: string, target: ResolvedTarget, recipe: Recipe): void {
  const kind = actionOf(step);
  const named = `${where}${step.name ? ` (${step.name})` : ''}`;
  if (target.kind === 'workload' && HOST_ONLY.has(kind)) throw new PlanError(`${named}: a ${kind} step runs on a host, but ${target.label} is a Kubernetes workload`);
  if (target.kind === 'host' && KUBE_ONLY.has(kind)) throw new PlanError(`${named}: a ${kind} step acts on a Kubernetes workload, but ${target.label} is a host`);
  if (kind === 'release' && !recipe.release) throw new PlanError(`${named}: release steps need the recipe's release: section (path, keep)`);
}

function releaseFor(recipe: Recipe, target: ResolvedTarget, values: Values, input: PlanInput): ReleaseLayout | undefined {
  if (!recipe.release || target.kind !== 'host') return undefined;
  const scope = buildScope({ params: values, host: target.host, runId: input.runId, absent: { release: 'release.path is being worked out from this field' } });
  const deployPath = renderTemplate(recipe.release.path, scope, 'release.path').trim().replace(/(.)\/+$/, '$1');
  if (!deployPath) throw new PlanError(`release.path renders to nothing for ${target.label}`);
  return { path: deployPath, name: input.releaseName, keep: recipe.release.keep };
}

/** The recipe's `logs:` for one target, rendered: a host's file or unit, a workload's container. */
function logsFor(recipe: Recipe, target: ResolvedTarget, scope: ReturnType<typeof buildScope>): TargetLogs | undefined {
  const l = recipe.logs;
  if (!l) return undefined;
  const r = (text: string, field: string) => renderTemplate(text, scope, `logs.${field}`).trim();
  if (target.kind === 'workload') return l.container !== undefined ? { container: r(l.container, 'container') } : {};
  if (l.file !== undefined) return { file: r(l.file, 'file') };
  if (l.unit !== undefined) return { unit: r(l.unit, 'unit') };
  return undefined;
}

/** Files a recipe names (templates, manifests), read once per plan. */
class FileCache {
  private readonly texts = new Map<string, string>();
  constructor(readonly dir: string) {}
  resolve(file: string): string {
    return path.resolve(this.dir, file.startsWith('~/') ? path.join(process.env['HOME'] ?? '~', file.slice(2)) : file);
  }
  read(file: string, where: string): string {
    const full = this.resolve(file);
    let text = this.texts.get(full);
    if (text === undefined) {
      try {
        text = readFileSync(full, 'utf8');
      } catch (err) {
        throw new PlanError(`${where}: cannot read ${full}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      this.texts.set(full, text);
    }
    return text;
  }
}

function renderStep(step: Step, index: number, where: string, scope: ReturnType<typeof buildScope>, files: FileCache): ExecStep {
  const r = (text: string, field: string) => renderTemplate(text, scope, `${where}.${field}`);
  const kind = actionOf(step);
  const base = { index, name: step.name ? r(step.name, 'name') : defaultName(step, kind), timeoutMs: step.timeout !== undefined ? durationMs(step.timeout) : DEFAULT_STEP_TIMEOUT_MS };
  const mode = (m: string | undefined) => (m === undefined ? undefined : parseInt(m, 8));
  switch (kind) {
    case 'run':
      return { ...base, kind, command: r(step.run!, 'run'), cwd: step.cwd !== undefined ? r(step.cwd, 'cwd') : undefined };
    case 'upload': {
      const from = files.resolve(r(step.upload!.from, 'upload.from'));
      files.read(from, `${where}.upload.from`); // fails the plan now, not the run later
      return { ...base, kind, from, to: r(step.upload!.to, 'upload.to'), mode: mode(step.upload!.mode) };
    }
    case 'template': {
      const t = step.template!;
      const source = t.from !== undefined ? files.read(r(t.from, 'template.from'), `${where}.template.from`) : t.content!;
      const field = t.from !== undefined ? `template.from (${t.from})` : 'template.content';
      return { ...base, kind, content: r(source, field), to: r(t.to, 'template.to'), mode: mode(t.mode) };
    }
    case 'local':
      return { ...base, kind, command: r(step.local!, 'local'), once: step.once !== false };
    case 'release':
      return { ...base, kind, action: step.release! };
    case 'apply': {
      const file = r(step.apply!.manifest, 'apply.manifest');
      return { ...base, kind, manifest: r(files.read(file, `${where}.apply.manifest`), `apply.manifest (${file})`) };
    }
    case 'setImage':
      return { ...base, kind, container: r(step.setImage!.container, 'setImage.container'), image: r(step.setImage!.image, 'setImage.image') };
    case 'rollout':
      return { ...base, kind, action: step.rollout! };
    case 'gate':
      return { ...base, kind, gate: renderGate(step.gate!, r) };
  }
}

function renderGate(gate: NonNullable<Step['gate']>, r: (text: string, field: string) => string): Extract<ExecStep, { kind: 'gate' }>['gate'] {
  if (gate.http) {
    const h = gate.http;
    return { http: { url: r(h.url, 'gate.http.url'), method: h.method, status: h.status, body: h.body !== undefined ? r(h.body, 'gate.http.body') : undefined, retries: h.retries, intervalMs: durationMs(h.interval), timeoutMs: durationMs(h.timeout) } };
  }
  if (gate.command) {
    const c = gate.command;
    return { command: { command: r(c.command, 'gate.command.command'), local: c.local, exitCode: c.exitCode, retries: c.retries, intervalMs: durationMs(c.interval) } };
  }
  if (gate.logs) {
    const l = gate.logs;
    return {
      logs: {
        file: l.file !== undefined ? r(l.file, 'gate.logs.file') : undefined,
        unit: l.unit !== undefined ? r(l.unit, 'gate.logs.unit') : undefined,
        quietMs: durationMs(l.quiet),
        level: l.level,
        match: l.match !== undefined ? r(l.match, 'gate.logs.match') : undefined,
      },
    };
  }
  return { confirm: { message: r(gate.confirm!.message, 'gate.confirm.message') } };
}

function defaultName(step: Step, kind: ExecStep['kind']): string {
  if (kind === 'release') return `release ${step.release}`;
  if (kind === 'rollout') return `rollout ${step.rollout}`;
  if (kind === 'gate') return `gate: ${Object.keys(step.gate!)[0]}`;
  return kind;
}

// ------------------------------------------------------------- plan details

function planStep(step: ExecStep, release: ReleaseLayout | undefined, source: Step): PlanStep {
  return { index: step.index, name: step.name, kind: step.kind, detail: detailOf(step, release, source.apply?.manifest) };
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

/** One line a person checks before pressing Run. */
export function detailOf(step: ExecStep, release: ReleaseLayout | undefined, manifestFile?: string): string {
  switch (step.kind) {
    case 'run':
      return step.cwd ? `cd ${step.cwd} && ${step.command}` : step.command;
    case 'upload':
      return `upload ${step.from} → ${step.to}${step.mode !== undefined ? ` (mode ${step.mode.toString(8)})` : ''}`;
    case 'template': {
      const lines = step.content === '' ? 0 : step.content.replace(/\n$/, '').split('\n').length;
      return `template → ${step.to} (${lines} line${lines === 1 ? '' : 's'})`;
    }
    case 'local':
      return `local: ${step.command}`;
    case 'release': {
      const base = release?.path ?? '?';
      if (step.action === 'prepare') return `create ${base}/releases/${release?.name ?? '?'}`;
      if (step.action === 'switch') return `switch ${base}/current → releases/${release?.name ?? '?'}`;
      if (step.action === 'cleanup') return `keep the last ${release?.keep ?? '?'} releases in ${base}/releases`;
      return `switch ${base}/current back to the previous release`;
    }
    case 'apply': {
      const objects = step.manifest.split(/^---\s*$/m).filter((doc) => /\S/.test(doc.replace(/#.*$/gm, ''))).length;
      return `kubectl apply -f ${manifestFile ?? 'manifest'} (${objects} object${objects === 1 ? '' : 's'})`;
    }
    case 'setImage':
      return `set image ${step.container}=${step.image}`;
    case 'rollout':
      return step.action === 'wait' ? 'wait for the rollout to finish' : 'undo the rollout (previous revision)';
    case 'gate': {
      const g = step.gate;
      if ('http' in g) {
        const h = g.http;
        return `${h.method} ${h.url} expect ${h.status ?? '2xx'}${h.body !== undefined ? ` /${h.body}/` : ''} ×${h.retries} every ${seconds(h.intervalMs)}`;
      }
      if ('command' in g) {
        const c = g.command;
        return `${c.local ? 'local: ' : ''}${c.command} → exit ${c.exitCode}${c.retries ? ` ×${c.retries}` : ''}`;
      }
      if ('logs' in g) {
        const l = g.logs;
        const source = l.file ?? (l.unit !== undefined ? `unit ${l.unit}` : "the target's logs");
        return `no ${l.level} line${l.match !== undefined ? ` matching /${l.match}/` : ''} in ${source} for ${seconds(l.quietMs)}`;
      }
      return `confirm: ${g.confirm.message}`;
    }
  }
}
