import type { AppState } from '../../../app/store';
import type { RecipeSummary } from '../../../../shared/contract/deploy';

export const deploySelectors = {
  screen: (s: AppState) => s.deployScreen,
  recipes: (s: AppState) => s.deployRecipes,
  recipe: (file: string) => (s: AppState): RecipeSummary | undefined => s.deployRecipes?.recipes.find((r) => r.file === file),
  runs: (s: AppState) => s.deployRuns,
  locks: (s: AppState) => s.deployLocks,
  runView: (s: AppState) => s.deployRunView,
  only: (s: AppState) => s.deployOnly,
};
