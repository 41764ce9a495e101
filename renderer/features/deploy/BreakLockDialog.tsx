// Breaking a lock is deliberate: the dialog says who holds it and whether
// its run still looks alive, so nobody breaks a live run's lock by accident.
import type { LockInfo } from '../../../shared/contract/deploy';
import { useAppStore } from '../../app/store';
import { Dialog } from '../../ui/Dialog';
import { ago, clock } from '../../ui/format';
import { lockHolder } from './model/targets';

export function BreakLockDialog({ lock, onDone }: { lock: LockInfo; onDone(broken: boolean): void }) {
  return (
    <Dialog
      title={`Break the lock on ${lock.target}?`}
      confirmLabel="Break lock"
      danger
      onCancel={() => onDone(false)}
      onConfirm={() => void useAppStore.getState().breakLock(lock.target).then(onDone)}
    >
      <p>
        Held by <strong>{lockHolder(lock)}</strong> since {clock(lock.since)}; last heartbeat {ago(lock.heartbeatAt)}.
      </p>
      {lock.stale ? (
        <p className="hint">Its run sends no heartbeat any more: it has most likely died. Breaking the lock lets the next deploy go ahead.</p>
      ) : (
        <p className="error-text">Its run is still alive. Breaking the lock may let two runs deploy to {lock.target} at once.</p>
      )}
    </Dialog>
  );
}
