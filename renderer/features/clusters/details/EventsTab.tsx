// What happened to an object, oldest first and newest last, warnings marked.
import { useCallback, useEffect, useState } from 'react';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { KubeEvent } from '../../../../shared/contract/kube';
import { api } from '../../../transport/current';
import { Spinner } from '../ClusterIcons';
import { useNow } from '../hooks';
import { formatAge } from '../model/age';
import { toObjectRef } from '../store/action';
import type { KubeObjectRef } from '../store/initialState';

export function EventsTab({ target }: { target: KubeObjectRef }) {
  const [events, setEvents] = useState<KubeEvent[]>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const now = useNow();

  const load = useCallback(() => {
    setLoading(true);
    api()
      .kube.events(toObjectRef(target))
      .then((reply) => {
        setEvents(reply.events);
        setError(undefined);
      })
      .catch((e: unknown) => setError(describeError(WorkbenchError.from(e).toData())))
      .finally(() => setLoading(false));
  }, [target]);

  // The drawer follows the selection: wait for arrow keys to rest before asking.
  useEffect(() => {
    const timer = setTimeout(load, 120);
    return () => clearTimeout(timer);
  }, [load]);

  return (
    <div className="kube-events" data-testid="kube-events">
      <div className="kube-yaml-bar">
        <button type="button" onClick={load} disabled={loading} data-testid="kube-events-refresh">
          Refresh
        </button>
        {loading ? <Spinner label="Loading events" /> : <span className="hint">{events ? `${events.length} event${events.length === 1 ? '' : 's'}, newest last` : ''}</span>}
      </div>
      {error ? <div className="kube-error" role="alert">{error}</div> : null}
      {events && events.length === 0 ? <p className="hint kube-pad">No events about this object (the API server keeps them for an hour by default).</p> : null}
      <ol className="kube-event-list">
        {events?.map((e, i) => (
          <li key={i} className={`kube-event${e.type === 'Warning' ? ' warning' : ''}`} data-type={e.type} data-testid="kube-event">
            <div className="kube-event-head">
              <span className={`kube-event-type${e.type === 'Warning' ? ' tone-warn' : ''}`}>{e.type}</span>
              <strong>{e.reason}</strong>
              {e.count > 1 ? <span className="chip">×{e.count}</span> : null}
              <span className="toolbar-spacer" />
              <span className="hint" title={e.lastSeen ? new Date(e.lastSeen).toLocaleString() : undefined}>
                {e.lastSeen ? `${formatAge(e.lastSeen, now)} ago` : ''}
              </span>
            </div>
            <div className="kube-event-message">{e.message}</div>
            {e.source ? <div className="hint">from {e.source}</div> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
