// The Deployments view: recipes and their run form, the run on screen, the
// history and the locks. Runs live in main: leaving the view stops following
// the run, coming back follows it again.
import { useEffect } from 'react';
import { useAppStore } from '../../app/store';
import { HistoryList } from './HistoryList';
import { LocksView } from './LocksView';
import { RecipesList } from './RecipesList';
import { RunForm } from './RunForm';
import { RunScreen } from './RunView';
import type { DeployScreen } from './store/initialState';
import { deploySelectors } from './store/selectors';
import './deploy.css';

const TABS: Array<{ kind: 'recipes' | 'history' | 'locks'; label: string }> = [
  { kind: 'recipes', label: 'Recipes' },
  { kind: 'history', label: 'History' },
  { kind: 'locks', label: 'Locks' },
];

const tabOf = (screen: DeployScreen) => (screen.kind === 'form' ? 'recipes' : screen.kind === 'run' ? 'history' : screen.kind);

export function DeploymentsView() {
  const screen = useAppStore(deploySelectors.screen);
  const { showDeploy } = useAppStore.getState();

  useEffect(() => {
    const state = useAppStore.getState();
    void state.loadRecipes();
    void state.loadDeployRuns();
    if (state.deployScreen.kind === 'locks') void state.loadLocks();
    const unwatch = state.watchRecipes();
    return () => {
      unwatch();
      useAppStore.getState().detachRun();
    };
  }, []);

  return (
    <section className="deploy-view" aria-label="Deployments">
      <nav className="deploy-tabs" role="tablist" aria-label="Deployments">
        {TABS.map((tab) => (
          <button key={tab.kind} type="button" role="tab" aria-selected={tabOf(screen) === tab.kind} onClick={() => showDeploy({ kind: tab.kind })}>
            {tab.label}
          </button>
        ))}
      </nav>
      {screen.kind === 'recipes' ? <RecipesList /> : null}
      {screen.kind === 'form' ? <RunForm screen={screen} /> : null}
      {screen.kind === 'run' ? <RunScreen runId={screen.runId} /> : null}
      {screen.kind === 'history' ? <HistoryList /> : null}
      {screen.kind === 'locks' ? <LocksView /> : null}
    </section>
  );
}
