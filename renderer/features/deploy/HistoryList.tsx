// Every run, newest first: who, when, which recipe version, how it went. A row opens the run view.
import type { DeployRunSummary } from '../../../shared/contract/deploy';
import { useAppStore } from '../../app/store';
import { elapsedLabel } from './model/run-state';
import { StatusBadge } from './StatusBadge';
import { deploySelectors } from './store/selectors';

const when = (ms: number) => new Date(ms).toLocaleString();

export function HistoryList() {
  const runs = useAppStore(deploySelectors.runs);
  const error = useAppStore((s) => s.deployRunsError);
  const { loadDeployRuns } = useAppStore.getState();
  return (
    <div className="deploy-screen" aria-label="History">
      <div className="deploy-toolbar">
        <h2>History</h2>
        <span className="deploy-spacer" />
        <button type="button" onClick={() => void loadDeployRuns()}>Reload</button>
      </div>
      {error ? <p className="error-text" role="alert">History could not be read: {error}</p> : null}
      {runs.length === 0 && !error ? <p className="hint">No runs yet.</p> : null}
      {runs.length ? (
        <table className="deploy-table deploy-history" data-testid="deploy-history">
          <thead>
            <tr><th>Status</th><th>Recipe</th><th>Version</th><th>Who</th><th>When</th><th>Took</th><th>Targets</th></tr>
          </thead>
          <tbody>
            {runs.map((r) => <HistoryRow key={r.id} run={r} />)}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function HistoryRow({ run }: { run: DeployRunSummary }) {
  const { openRun } = useAppStore.getState();
  const c = run.counts;
  const parts = [
    `${c.ok ?? 0} ok`,
    c.failed ? `${c.failed} failed` : '',
    c['rolled-back'] ? `${c['rolled-back']} rolled back` : '',
    c.cancelled ? `${c.cancelled} cancelled` : '',
    c.skipped ? `${c.skipped} skipped` : '',
  ].filter(Boolean);
  return (
    <tr className="deploy-history-row" data-run-id={run.id} data-status={run.status} tabIndex={0} onClick={() => void openRun(run.id)} onKeyDown={(e) => e.key === 'Enter' && void openRun(run.id)}>
      <td><StatusBadge status={run.status} /></td>
      <td><strong>{run.recipe}</strong></td>
      <td><code>{run.hash}</code></td>
      <td>{run.user}@{run.machine}</td>
      <td>{when(run.startedAt)}</td>
      <td>{run.finishedAt ? elapsedLabel(run.startedAt, run.finishedAt) : run.status === 'running' ? 'running' : '—'}</td>
      <td>{run.targets}: {parts.join(', ')}</td>
    </tr>
  );
}
