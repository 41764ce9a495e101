// Owners, owned objects and (for a pod) its node, each a link: a deployment,
// its replica sets, their pods and the nodes they run on are clicks apart.
import { useCallback, useEffect, useState } from 'react';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { Related, RelatedObject } from '../../../../shared/contract/kube';
import { useAppStore } from '../../../app/store';
import { api } from '../../../transport/current';
import { Spinner } from '../ClusterIcons';
import { statusTone, type StatusTone } from '../model/status';
import { toObjectRef } from '../store/action';
import type { KubeObjectRef } from '../store/initialState';

function Link({ object, context }: { object: RelatedObject; context: string }) {
  const goToObject = useAppStore((s) => s.goToObject);
  return (
    <li>
      <button
        type="button"
        className="kube-related-link"
        data-testid={`kube-related-${object.resource.resource}-${object.name}`}
        onClick={() => goToObject({ context, resource: object.resource, kind: object.kind, namespace: object.namespace, name: object.name })}
      >
        <span className="kube-related-kind">{object.kind}</span>
        <span className="kube-related-name">
          {object.namespace ? <span className="hint">{object.namespace}/</span> : null}
          {object.name}
        </span>
      </button>
      {object.status ? <span className={`kube-related-status tone-${relatedTone(object.status)}`}>{object.status}</span> : null}
    </li>
  );
}

/** "3/3 ready" is green, "2/3 ready" yellow, "0/3 ready" and "not found" red; other words as statuses are. */
export function relatedTone(status: string): StatusTone {
  if (status === 'not found') return 'bad';
  const match = /^(\d+)\/(\d+)/.exec(status);
  if (!match) return statusTone(status);
  const ready = Number(match[1]);
  const want = Number(match[2]);
  return ready >= want ? 'ok' : ready === 0 ? 'bad' : 'warn';
}

export function RelatedTab({ target }: { target: KubeObjectRef }) {
  const [related, setRelated] = useState<Related>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  const load = useCallback(() => {
    setLoading(true);
    api()
      .kube.related(toObjectRef(target))
      .then((reply) => {
        setRelated(reply);
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

  const section = (title: string, objects: RelatedObject[], testId: string) => (
    <section className="kube-related-section" data-testid={testId}>
      <h3>{title}</h3>
      {objects.length ? (
        <ul>
          {objects.map((o) => (
            <Link key={`${o.resource.resource}/${o.namespace}/${o.name}`} object={o} context={target.context} />
          ))}
        </ul>
      ) : (
        <p className="hint">None.</p>
      )}
    </section>
  );

  return (
    <div className="kube-related" data-testid="kube-related">
      <div className="kube-yaml-bar">
        <button type="button" onClick={load} disabled={loading}>
          Refresh
        </button>
        {loading ? <Spinner label="Loading related objects" /> : null}
      </div>
      {error ? <div className="kube-error" role="alert">{error}</div> : null}
      {related ? (
        <>
          {section('Owned by', related.owners, 'kube-related-owners')}
          {section('Owns', related.owned, 'kube-related-owned')}
          {related.node ? section('Runs on', [related.node], 'kube-related-node') : null}
        </>
      ) : null}
    </div>
  );
}
