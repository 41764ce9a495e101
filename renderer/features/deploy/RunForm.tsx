// A recipe's run form: its parameters (prefilled with the last run's values),
// which of its targets, and the plan main renders from them (asked again,
// debounced, on every change) — then one Deploy button.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Plan, RecipeParamInfo, RecipeSummary } from '../../../shared/contract/deploy';
import { describeError, WorkbenchError } from '../../../shared/contract/errors';
import { useAppStore } from '../../app/store';
import { api } from '../../transport/current';
import { initialValues, secretsNeeded, toParamValues, type FormValues } from './model/params';
import { PlanPreview } from './PlanPreview';
import { deploySelectors } from './store/selectors';
import type { DeployScreen } from './store/initialState';

const PLAN_DEBOUNCE_MS = 350;
const message = (error: unknown) => describeError(WorkbenchError.from(error).toData());

export function RunForm({ screen }: { screen: Extract<DeployScreen, { kind: 'form' }> }) {
  const recipe = useAppStore(deploySelectors.recipe(screen.file));
  const loaded = useAppStore((s) => !!s.deployRecipes);
  const { showDeploy } = useAppStore.getState();
  if (!recipe) {
    return (
      <div className="deploy-screen">
        <p className={loaded ? 'error-text' : 'hint'}>{loaded ? `The recipe ${screen.file} is not in the recipes folders any more.` : 'Loading recipes…'}</p>
        <button type="button" onClick={() => showDeploy({ kind: 'recipes' })}>Back to recipes</button>
      </div>
    );
  }
  // Keyed by file and rerun: a different recipe or rerun starts a fresh form.
  return <Form key={`${recipe.file}|${screen.rerunOf ?? ''}`} recipe={recipe} screen={screen} />;
}

function Form({ recipe, screen }: { recipe: RecipeSummary; screen: Extract<DeployScreen, { kind: 'form' }> }) {
  const only = useAppStore(deploySelectors.only);
  const { showDeploy, startDeploy } = useAppStore.getState();
  const [values, setValues] = useState<FormValues>(() => initialValues(recipe.params, recipe.lastParams, screen.prefill));
  const [remember, setRemember] = useState(false);
  /** undefined: every target of the recipe. */
  const [subset, setSubset] = useState<string[] | undefined>(only ? [only] : undefined);
  const [allTargets, setAllTargets] = useState<Plan['targets']>([]);
  const [plan, setPlan] = useState<Plan>();
  const [planError, setPlanError] = useState<string>();
  const [planning, setPlanning] = useState(false);
  const [startError, setStartError] = useState<string>();
  const [starting, setStarting] = useState(false);
  /** Bumped to plan again with the same form (a lock was broken). */
  const [replan, setReplan] = useState(0);

  const converted = useMemo(() => toParamValues(recipe.params, values), [recipe.params, values]);
  const needed = secretsNeeded(recipe.params, values);
  const invalid = Object.keys(converted.errors).length > 0;
  const request = useMemo(() => ({ file: recipe.file, params: converted.values, only: subset ?? [] }), [recipe.file, converted.values, subset]);
  const requestKey = JSON.stringify(request);

  // The plan follows the form; an answer to an older request is dropped.
  const asked = useRef(0);
  const noTargets = subset?.length === 0;
  useEffect(() => {
    if (invalid || noTargets) return;
    const seq = ++asked.current;
    setPlanning(true);
    const timer = setTimeout(() => {
      api()
        .deploy.plan(JSON.parse(requestKey) as typeof request)
        .then((p) => {
          if (seq !== asked.current) return;
          setPlan(p);
          setPlanError(undefined);
          if (p && (JSON.parse(requestKey) as typeof request).only.length === 0) setAllTargets(p.targets);
        })
        .catch((error: unknown) => seq === asked.current && setPlanError(message(error)))
        .finally(() => seq === asked.current && setPlanning(false));
    }, PLAN_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [requestKey, invalid, noTargets, replan]);

  // A subset chosen before any full plan was seen: ask once for the whole target list to choose from.
  useEffect(() => {
    if (!subset || allTargets.length) return;
    api()
      .deploy.plan({ file: recipe.file, params: converted.values, only: [] })
      .then((p) => setAllTargets(p.targets))
      .catch(() => undefined); // the main plan request shows the error
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per recipe, with the values it opened with
  }, [recipe.file]);

  const deploy = async () => {
    setStarting(true);
    setStartError(undefined);
    try {
      await startDeploy({ ...request, rememberSecrets: remember });
    } catch (error) {
      setStartError(message(error));
      setStarting(false);
    }
  };

  const hasSecrets = recipe.params.some((p) => p.secret);
  const blocked = invalid ? 'Fix the parameters first' : needed.length ? `Give a value for ${needed.join(', ')}` : !plan ? 'Waiting for the plan' : subset?.length === 0 ? 'Pick at least one target' : undefined;

  return (
    <div className="deploy-screen deploy-form-screen">
      <div className="deploy-toolbar">
        <button type="button" onClick={() => showDeploy({ kind: 'recipes' })}>‹ Recipes</button>
        <h2>{recipe.name}</h2>
        <code className="hint">{recipe.hash}</code>
        {screen.rerunOf ? <span className="hint">rerun of {screen.rerunOf.slice(0, 8)}</span> : null}
      </div>
      <div className="deploy-form-columns">
        <form
          className="deploy-form"
          aria-label="Run parameters"
          onSubmit={(e) => {
            e.preventDefault();
            if (!blocked && !starting) void deploy();
          }}
        >
          {recipe.description ? <p className="hint">{recipe.description}</p> : null}
          {recipe.params.length === 0 ? <p className="hint">This recipe has no parameters.</p> : null}
          {recipe.params.map((param) => (
            <ParamInput key={param.name} param={param} value={values[param.name] ?? ''} error={converted.errors[param.name]} onChange={(v) => setValues((old) => ({ ...old, [param.name]: v }))} />
          ))}
          {hasSecrets ? (
            <label className="deploy-check">
              <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Remember the secrets typed here (in the secret store)
            </label>
          ) : null}
          <TargetPicker targets={allTargets} subset={subset} onChange={setSubset} />
          <div className="deploy-form-actions">
            <button type="submit" className="primary" disabled={!!blocked || starting} title={blocked} data-testid="deploy-start">
              {starting ? 'Starting…' : `Deploy${plan ? ` to ${plan.targets.length} target${plan.targets.length === 1 ? '' : 's'}` : ''}`}
            </button>
            {blocked && !starting ? <span className="hint">{blocked}</span> : null}
          </div>
          {startError ? (
            <p className="error-text deploy-start-error" role="alert" data-testid="deploy-start-error">
              Not started: {startError}
            </p>
          ) : null}
        </form>
        <div className="deploy-plan-column" aria-busy={planning}>
          {planError ? (
            <p className="error-text deploy-plan-error" role="alert" data-testid="deploy-plan-error">
              The plan failed: {planError}
            </p>
          ) : null}
          {plan ? <PlanPreview plan={plan} stale={planning || !!planError} onLocksChanged={() => setReplan((n) => n + 1)} /> : planError ? null : <p className="hint">Planning…</p>}
        </div>
      </div>
    </div>
  );
}

function ParamInput({ param, value, error, onChange }: { param: RecipeParamInfo; value: string | boolean; error: string | undefined; onChange(value: string | boolean): void }) {
  const id = `deploy-param-${param.name}`;
  const label = (
    <span className="deploy-param-name">
      {param.name}
      {param.required && param.default === undefined && param.type !== 'boolean' ? <span className="deploy-required" title="required"> *</span> : null}
      {param.secret ? <span className={`deploy-secret-state${param.stored ? ' stored' : ''}`}>{param.stored ? 'stored' : 'secret'}</span> : null}
    </span>
  );
  let input;
  if (param.type === 'boolean') {
    input = <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  } else if (param.choices?.length) {
    input = (
      <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {value === '' ? <option value="">choose…</option> : null}
        {param.choices.map((c) => <option key={String(c)} value={String(c)}>{String(c)}</option>)}
      </select>
    );
  } else if (param.secret) {
    input = <input id={id} type="password" autoComplete="off" value={String(value)} placeholder={param.stored ? 'stored — type to replace' : 'not stored: type a value'} onChange={(e) => onChange(e.target.value)} />;
  } else {
    input = (
      <input
        id={id}
        type={param.type === 'number' ? 'number' : 'text'}
        value={String(value)}
        placeholder={param.default !== undefined ? `default: ${String(param.default)}` : ''}
        aria-invalid={!!error}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={`deploy-param${param.type === 'boolean' ? ' deploy-param-check' : ''}`} data-param={param.name}>
      <label htmlFor={id}>{label}</label>
      {input}
      {param.description ? <span className="hint">{param.description}</span> : null}
      {error ? <span className="error-text" role="alert">{param.name}: {error}</span> : null}
    </div>
  );
}

/** Run on every target, or a chosen few. */
function TargetPicker({ targets, subset, onChange }: { targets: Plan['targets']; subset: string[] | undefined; onChange(subset: string[] | undefined): void }) {
  if (targets.length === 0 && !subset) return null;
  const chosen = new Set(subset ?? targets.map((t) => t.id));
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChange(next.size === targets.length ? undefined : targets.map((t) => t.id).filter((t) => next.has(t)));
  };
  return (
    <fieldset className="deploy-targets">
      <legend>
        Targets: {subset ? `${subset.length} of ${targets.length || '?'}` : `all ${targets.length}`}
        {subset ? <button type="button" className="deploy-link" onClick={() => onChange(undefined)}>all</button> : null}
      </legend>
      <div className="deploy-target-list">
        {targets.map((t) => (
          <label key={t.id} className="deploy-check" title={t.id}>
            <input type="checkbox" checked={chosen.has(t.id)} onChange={() => toggle(t.id)} /> {t.label}
          </label>
        ))}
        {subset?.filter((id) => !targets.some((t) => t.id === id)).map((id) => (
          <label key={id} className="deploy-check">
            <input type="checkbox" checked onChange={() => onChange(subset.filter((x) => x !== id))} /> {id}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
