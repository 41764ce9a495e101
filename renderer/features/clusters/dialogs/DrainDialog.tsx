// `kubectl drain` with progress: the options, then the plan (which pods go,
// which stay and why), then each pod as it is evicted, blocked by a
// disruption budget, gone or failed. Cancel stops it (unsubscribes).
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../../../shared/contract/errors';
import type { DrainEvent } from '../../../../shared/contract/kube';
import type { Subscription } from '../../../../shared/rpc/api';
import { useAppStore } from '../../../app/store';
import { api } from '../../../transport/current';
import { Spinner } from '../ClusterIcons';
import { Modal } from '../../../ui/Modal';

type PodState = Extract<DrainEvent, { type: 'pod' }>['state'] | 'pending';

interface Progress {
  state: 'options' | 'running' | 'done' | 'failed' | 'cancelled';
  cordoned: boolean;
  pods: Map<string, { namespace: string; name: string; state: PodState; message?: string }>;
  skipped: Array<{ namespace: string; name: string; reason: string }>;
  evicted?: number;
  error?: string;
}

const START: Progress = { state: 'options', cordoned: false, pods: new Map(), skipped: [] };

export function DrainDialog({ context, node }: { context: string; node: string }) {
  const setClusterDialog = useAppStore((s) => s.setClusterDialog);
  const [ignoreDaemonSets, setIgnoreDaemonSets] = useState(true);
  const [deleteEmptyDirData, setDeleteEmptyDirData] = useState(false);
  const [force, setForce] = useState(false);
  const [progress, setProgress] = useState<Progress>(START);
  const sub = useRef<Subscription | undefined>(undefined);

  useEffect(() => () => sub.current?.close(), []);

  const apply = (event: DrainEvent) =>
    setProgress((p) => {
      const next: Progress = { ...p, pods: new Map(p.pods) };
      switch (event.type) {
        case 'cordoned':
          next.cordoned = true;
          break;
        case 'plan':
          for (const pod of event.evict) next.pods.set(`${pod.namespace}/${pod.name}`, { ...pod, state: 'pending' });
          next.skipped = event.skipped;
          break;
        case 'pod':
          next.pods.set(`${event.namespace}/${event.name}`, { namespace: event.namespace, name: event.name, state: event.state, ...(event.message ? { message: event.message } : {}) });
          break;
        case 'done':
          next.state = 'done';
          next.evicted = event.evicted;
          break;
      }
      return next;
    });

  const start = () => {
    setProgress({ ...START, state: 'running' });
    const subscription = api().kube.drain(
      { context, node, ignoreDaemonSets, deleteEmptyDirData, force },
      {
        onEvent: (event) => {
          subscription.ack(1);
          apply(event);
        },
        onEnd: (error) => {
          if (sub.current === subscription) sub.current = undefined;
          setProgress((p) => (error ? { ...p, state: 'failed', error: describeError(error) } : p.state === 'running' ? { ...p, state: 'done' } : p));
        },
      },
    );
    sub.current = subscription;
  };

  const cancel = () => {
    sub.current?.close();
    sub.current = undefined;
    setProgress((p) => ({ ...p, state: 'cancelled' }));
  };

  const running = progress.state === 'running';
  const pods = [...progress.pods.values()];
  const gone = pods.filter((p) => p.state === 'gone').length;
  return (
    <Modal
      className="kube-dialog"
      title={`Drain node ${node}`}
      testId="kube-drain-dialog"
      busy={running}
      wide
      onClose={() => setClusterDialog(undefined)}
      actions={
        progress.state === 'options' ? (
          <>
            <button type="button" onClick={() => setClusterDialog(undefined)}>Cancel</button>
            <button type="button" className="danger" data-testid="kube-drain-start" autoFocus onClick={start}>Drain</button>
          </>
        ) : running ? (
          <button type="button" data-testid="kube-drain-cancel" onClick={cancel}>Cancel drain</button>
        ) : (
          <button type="button" className="primary" data-testid="kube-drain-close" onClick={() => setClusterDialog(undefined)}>Close</button>
        )
      }
    >
      {progress.state === 'options' ? (
        <div className="kube-drain-options">
          <p>The node is cordoned (no new pods land on it), then its pods are evicted one by one, honouring PodDisruptionBudgets.</p>
          <label><input type="checkbox" data-testid="kube-drain-ignore-daemonsets" checked={ignoreDaemonSets} onChange={(e) => setIgnoreDaemonSets(e.target.checked)} /> Ignore DaemonSet pods (they would come back anyway)</label>
          <label><input type="checkbox" data-testid="kube-drain-delete-emptydir" checked={deleteEmptyDirData} onChange={(e) => setDeleteEmptyDirData(e.target.checked)} /> Evict pods with emptyDir volumes (their data is lost)</label>
          <label><input type="checkbox" data-testid="kube-drain-force" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force: also delete pods no controller owns (they are not recreated)</label>
        </div>
      ) : (
        <div className="kube-drain-progress" data-testid="kube-drain-progress" data-state={progress.state}>
          <p className="kube-drain-summary">
            {running ? <Spinner /> : null}
            {progress.state === 'done'
              ? `Drained: ${progress.evicted ?? gone} pod${(progress.evicted ?? gone) === 1 ? '' : 's'} evicted.`
              : progress.state === 'cancelled'
                ? `Cancelled after ${gone} of ${pods.length} pods. The node stays cordoned.`
                : progress.state === 'failed'
                  ? 'The drain failed.'
                  : progress.cordoned
                    ? `Cordoned. Evicting: ${gone} of ${pods.length} gone…`
                    : 'Cordoning…'}
          </p>
          {progress.error ? <p className="kube-error" role="alert">{progress.error}</p> : null}
          <ul className="kube-drain-pods">
            {pods.map((p) => (
              <li key={`${p.namespace}/${p.name}`} className={`drain-${p.state}`} data-testid={`kube-drain-pod-${p.name}`} data-state={p.state}>
                <span className="kube-drain-state">{p.state}</span>
                <code>{p.namespace}/{p.name}</code>
                {p.message ? <span className="hint">{p.message}</span> : null}
              </li>
            ))}
          </ul>
          {progress.skipped.length ? (
            <details className="kube-drain-skipped">
              <summary>{progress.skipped.length === 1 ? '1 pod stays' : `${progress.skipped.length} pods stay`}</summary>
              <ul>
                {progress.skipped.map((p) => (
                  <li key={`${p.namespace}/${p.name}`}>
                    <code>{p.namespace}/{p.name}</code> <span className="hint">{p.reason}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      )}
    </Modal>
  );
}
