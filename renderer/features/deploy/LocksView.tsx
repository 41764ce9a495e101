// Every lock held now on a target, by any machine; stale ones (their run sends
// no heartbeat) are marked and can be broken — deliberately, with a question.
import { useEffect, useState } from 'react';
import type { LockInfo } from '../../../shared/contract/deploy';
import { useAppStore } from '../../app/store';
import { ago, clock } from '../../ui/format';
import { BreakLockDialog } from './BreakLockDialog';
import { deploySelectors } from './store/selectors';

export function LocksView() {
  const locks = useAppStore(deploySelectors.locks);
  const error = useAppStore((s) => s.deployLocksError);
  const { loadLocks, openRun } = useAppStore.getState();
  const [breaking, setBreaking] = useState<LockInfo>();
  // Heartbeat ages move: ask again every few seconds while the list shows.
  useEffect(() => {
    const timer = setInterval(() => void loadLocks(), 5000);
    return () => clearInterval(timer);
  }, [loadLocks]);
  return (
    <div className="deploy-screen" aria-label="Locks">
      <div className="deploy-toolbar">
        <h2>Locks</h2>
        <span className="deploy-spacer" />
        <button type="button" onClick={() => void loadLocks()}>Reload</button>
      </div>
      {error ? <p className="error-text" role="alert">Locks could not be read: {error}</p> : null}
      {locks?.length === 0 ? <p className="hint">No target is locked.</p> : null}
      {!locks && !error ? <p className="hint">Loading locks…</p> : null}
      {locks?.length ? (
        <table className="deploy-table" data-testid="deploy-locks">
          <thead>
            <tr><th>Target</th><th>Run</th><th>Machine</th><th>User</th><th>Since</th><th>Heartbeat</th><th /></tr>
          </thead>
          <tbody>
            {locks.map((lock) => (
              <tr key={lock.target} data-target={lock.target} data-stale={lock.stale}>
                <td><strong>{lock.target}</strong></td>
                <td>
                  <button type="button" className="deploy-link" onClick={() => void openRun(lock.runId)}>{lock.runId.slice(0, 8)}</button> <span className="hint">{lock.recipe}</span>
                </td>
                <td>{lock.machine}</td>
                <td>{lock.user}</td>
                <td>{clock(lock.since)}</td>
                <td>{ago(lock.heartbeatAt)} {lock.stale ? <span className="deploy-stale">stale</span> : null}</td>
                <td><button type="button" className={lock.stale ? 'primary' : undefined} onClick={() => setBreaking(lock)}>Break…</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {breaking ? <BreakLockDialog lock={breaking} onDone={() => setBreaking(undefined)} /> : null}
    </div>
  );
}
