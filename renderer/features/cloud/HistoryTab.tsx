// What was done to instances, by hand or by a schedule, newest first;
// failures in red with the AWS error.
import { useEffect } from 'react';
import { useAppStore } from '../../app/store';
import { CloudIcon, Spinner } from './CloudIcons';

export function HistoryTab() {
  const entries = useAppStore((s) => s.cloudHistory);
  const loading = useAppStore((s) => s.cloudHistoryLoading);
  const error = useAppStore((s) => s.cloudHistoryError);
  const loadCloudHistory = useAppStore((s) => s.loadCloudHistory);

  useEffect(() => {
    if (!useAppStore.getState().cloudHistory) void loadCloudHistory();
  }, [loadCloudHistory]);

  const failures = entries?.filter((e) => !e.ok).length ?? 0;
  return (
    <div className="cloud-history">
      <div className="cloud-toolbar">
        <span>
          {entries ? `${entries.length} action${entries.length === 1 ? '' : 's'}` : ''}
          {failures ? <span className="error-text"> · {failures} failed</span> : null}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" data-testid="cloud-history-refresh" onClick={() => void loadCloudHistory()}>
          {loading ? <Spinner /> : <CloudIcon name="refresh" size={13} />} Refresh
        </button>
      </div>
      {error ? (
        <p className="cloud-inline-error cloud-pad" role="alert">
          Could not read the history: {error}
        </p>
      ) : null}
      <div className="cloud-history-body">
        {!entries ? (
          error ? null : (
            <p className="cloud-pad hint">
              <Spinner /> Reading the history…
            </p>
          )
        ) : entries.length === 0 ? (
          <p className="cloud-empty">Nothing done yet. Starts, stops, reboots and terminations show here, by hand or by a schedule.</p>
        ) : (
          <table className="cloud-plain-table cloud-history-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>By</th>
                <th>Action</th>
                <th>Instance</th>
                <th>Region</th>
                <th>Profile</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className={e.ok ? 'ok' : 'failed'} data-testid="cloud-history-row" data-ok={e.ok}>
                  <td className="cloud-nowrap" title={new Date(e.at).toISOString()}>
                    {new Date(e.at).toLocaleString()}
                  </td>
                  <td>{e.by === 'manual' ? <span className="hint">by hand</span> : <span className="chip">{e.by}</span>}</td>
                  <td>{e.action}</td>
                  <td className="cloud-history-instance">
                    {e.instanceName ? (
                      <>
                        <strong>{e.instanceName}</strong>
                        <br />
                      </>
                    ) : null}
                    <code className={e.instanceName ? 'hint' : undefined}>{e.instanceId}</code>
                  </td>
                  <td>{e.region}</td>
                  <td>{e.profile}</td>
                  <td className="cloud-history-detail">
                    {e.ok ? '✓ ' : '✗ '}
                    {e.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
