// Under the table: where the informer stands (listing, watching, relisting,
// backing off with a countdown, forbidden, failed) and how many rows show.
import type { KubeContext } from '../../../shared/contract/kube';
import { Spinner } from './ClusterIcons';
import { useEverySecond, useStoreVersion } from './hooks';
import type { RowStore } from './model/row-store';

const count = (n: number) => n.toLocaleString('en-US');

export function StatusLine(props: { store: RowStore | undefined; plural: string; singular: string; namespaces: readonly string[]; context: KubeContext | undefined; onRetry(): void; onOnlyNamespace(ns: string): void }) {
  const { store, plural } = props;
  useStoreVersion(store);
  const status = store?.status;
  useEverySecond(status?.phase === 'backoff' && status.retryInMs !== undefined);
  if (!store) return <div className="kube-status" data-testid="kube-status" data-phase="none" />;

  const phase = store.error ? 'error' : (status?.phase ?? 'listing');
  let words: string;
  switch (phase) {
    case 'listing':
      words = `Listing ${plural}…`;
      break;
    case 'watching':
      words = 'Watching';
      break;
    case 'relisting':
      words = 'Relisting (the watch fell behind)…';
      break;
    case 'backoff': {
      const left = status?.retryInMs !== undefined ? Math.max(0, Math.ceil((status.retryInMs - (performance.now() - status.at)) / 1000)) : undefined;
      words = `Lost the watch${status?.message ? `: ${status.message}` : ''}. Retrying${left !== undefined ? ` in ${left} s` : ''}…`;
      break;
    }
    case 'forbidden':
      words = `Forbidden: you may not list ${plural}${props.namespaces.length ? ` in ${props.namespaces.join(', ')}` : ' in every namespace'}.`;
      break;
    default:
      words = store.error ?? status?.message ?? 'The view failed.';
  }
  const shown = store.visible.length;
  const total = store.total;
  const rows = !store.loaded ? '' : shown === total ? `${count(total)} ${total === 1 ? props.singular : plural}` : `${count(shown)} of ${count(total)} ${plural}`;
  const onlyNs = phase === 'forbidden' && props.namespaces.length === 0 ? props.context?.namespace : undefined;
  return (
    <div className={`kube-status phase-${phase}`} data-testid="kube-status" data-phase={phase} role="status">
      <span className="kube-status-phase" title={status?.message && phase === 'forbidden' ? `${words} ${status.message}` : words}>
        {phase === 'listing' || phase === 'relisting' ? <Spinner /> : <span className={`kube-phase-dot phase-${phase}`} />}
        {words}
      </span>
      {store.filtering ? <span className="hint">searching…</span> : null}
      {phase === 'error' ? (
        <button type="button" className="link-button" data-testid="kube-view-retry" onClick={props.onRetry}>
          Retry now
        </button>
      ) : null}
      {onlyNs ? (
        <button type="button" className="link-button" onClick={() => props.onOnlyNamespace(onlyNs)}>
          Show namespace {onlyNs} only
        </button>
      ) : null}
      <span className="toolbar-spacer" />
      <span className="kube-count" data-testid="kube-count">{rows}</span>
    </div>
  );
}
