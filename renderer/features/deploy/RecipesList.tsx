// Every recipe found in the recipes folders, and every file that failed to
// load with where and why: a malformed recipe must not just go missing.
import { useMemo } from 'react';
import type { DeployRunSummary, RecipeProblem } from '../../../shared/contract/deploy';
import { useAppStore } from '../../app/store';
import { ago } from '../../ui/format';
import { StatusBadge } from './StatusBadge';
import { deploySelectors } from './store/selectors';

export function RecipesList() {
  const list = useAppStore(deploySelectors.recipes);
  const error = useAppStore((s) => s.deployRecipesError);
  const only = useAppStore(deploySelectors.only);
  const runs = useAppStore(deploySelectors.runs);
  const running = useMemo(() => runs.filter((r) => r.status === 'running'), [runs]);
  const { showDeploy, deployTo, loadRecipes } = useAppStore.getState();

  return (
    <div className="deploy-screen" aria-label="Recipes">
      {running.length ? <RunningNow runs={running} /> : null}
      {only ? (
        <div className="deploy-only-banner" role="status">
          Deploying to <strong>{only}</strong> only: pick a recipe that targets it.
          <button type="button" onClick={() => deployTo(undefined)}>Show all targets</button>
        </div>
      ) : null}
      <div className="deploy-toolbar">
        <h2>Recipes</h2>
        <span className="hint">{list ? `from ${list.folders.join(', ') || 'no folder'}` : ''}</span>
        <span className="deploy-spacer" />
        <button type="button" onClick={() => void loadRecipes()}>Reload</button>
      </div>
      {error ? <p className="error-text" role="alert">Recipes could not be listed: {error}</p> : null}
      {!list && !error ? <p className="hint">Loading recipes…</p> : null}
      {list?.problems.length ? <Problems problems={list.problems} /> : null}
      {list && list.recipes.length === 0 ? (
        <p className="hint">No recipes yet. Put a recipe (YAML) in {list.folders[0] ?? 'your recipes folder'}, or add a folder in Settings.</p>
      ) : null}
      {list?.recipes.length ? (
        <table className="deploy-table" data-testid="deploy-recipes">
          <thead>
            <tr><th>Recipe</th><th>Targets</th><th>Folder</th><th>Version</th><th /></tr>
          </thead>
          <tbody>
            {list.recipes.map((r) => (
              <tr key={r.file} data-recipe={r.name}>
                <td>
                  <strong>{r.name}</strong>
                  <div className="hint">{r.description}</div>
                </td>
                <td>{r.targets.join('; ')}<div className="hint">{r.stepCount} step{r.stepCount === 1 ? '' : 's'}</div></td>
                <td className="deploy-path" title={r.file}>{r.folder}</td>
                <td><code>{r.hash}</code></td>
                <td><button type="button" className="primary" onClick={() => showDeploy({ kind: 'form', file: r.file })}>Run…</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function Problems({ problems }: { problems: RecipeProblem[] }) {
  return (
    <section className="deploy-problems" aria-label="Recipe problems" role="alert">
      <h3>{problems.length} recipe file{problems.length === 1 ? '' : 's'} could not be loaded</h3>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.file}:${p.line}:${p.column}:${i}`} data-testid="deploy-problem">
            <code>{p.file}:{p.line}:{p.column}</code>
            {p.field ? <> — <code>{p.field}</code></> : null}: {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Runs going on in main, started from this window or another, or before it was reopened. */
export function RunningNow({ runs }: { runs: DeployRunSummary[] }) {
  const { openRun } = useAppStore.getState();
  return (
    <section className="deploy-running" aria-label="Running now">
      {runs.map((r) => (
        <button key={r.id} type="button" className="deploy-running-item" onClick={() => void openRun(r.id)} data-run-id={r.id}>
          <StatusBadge status="running" /> <strong>{r.recipe}</strong> by {r.user}@{r.machine}, started {ago(r.startedAt)} — open
        </button>
      ))}
    </section>
  );
}
