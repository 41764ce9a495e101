import type { DeployRunSummary, LockInfo, ParamValues, RecipeList, RunLogSources } from '../../../../shared/contract/deploy';
import type { RunView } from '../model/run-state';

/** What the Deployments view shows. */
export type DeployScreen =
  | { kind: 'recipes' }
  /** The run form of a recipe; `prefill` comes from "Rerun with same parameters". */
  | { kind: 'form'; file: string; prefill?: ParamValues; rerunOf?: string }
  | { kind: 'run'; runId: string }
  | { kind: 'history' }
  | { kind: 'locks' };

/** The logs pane beside the run on screen: a Logs view (also a tab of the Logs view) over its targets' logs. */
export interface RunLogs {
  runId: string;
  /** `loading` while main finds the sources (a workload's pods); `ready` with a view, or none when no target's logs are known. */
  status: 'loading' | 'ready' | 'failed';
  viewId?: string;
  /** Which target each source is, to show one target's lines. */
  sources: RunLogSources['sources'];
  missing: RunLogSources['missing'];
  error?: string;
  /** Opened in the Logs view: it stays open when the run view goes. */
  kept: boolean;
}

export interface DeployState {
  deployScreen: DeployScreen;
  deployRecipes: RecipeList | undefined;
  deployRecipesError: string | undefined;
  /** Runs, running and past, newest first. */
  deployRuns: DeployRunSummary[];
  deployRunsError: string | undefined;
  deployLocks: LockInfo[] | undefined;
  deployLocksError: string | undefined;
  /** A target a "Deploy…" entry point (a host, a workload) chose: recipes run on it only. */
  deployOnly: string | undefined;
  /** The run on screen, live or from history. */
  deployRunView: RunView | undefined;
  /** Why the run on screen could not be shown or followed. */
  deployRunError: string | undefined;
  deployRunLogs: RunLogs | undefined;
}

export const deployInitialState: DeployState = {
  deployScreen: { kind: 'recipes' },
  deployRecipes: undefined,
  deployRecipesError: undefined,
  deployRuns: [],
  deployRunsError: undefined,
  deployLocks: undefined,
  deployLocksError: undefined,
  deployOnly: undefined,
  deployRunView: undefined,
  deployRunError: undefined,
  deployRunLogs: undefined,
};
