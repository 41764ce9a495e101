// One renderer table over a shared informer: the namespace and label filters
// applied as rows arrive, and changes gathered per uid (the latest wins) and
// sent as one diff at most once a frame. The first screenful goes out in
// chunks the renderer acknowledges, so 50,000 rows never queue up unbounded.
import { WorkbenchError } from '../../../shared/contract/errors';
import type { KubeRow, ViewEvent, ViewParams, ViewPhase } from '../../../shared/contract/kube';
import { matchesSelector, parseLabelSelector, SelectorError, type LabelSelector } from '../../../shared/kube/label-selector';
import type { Disposable } from '../../../shared/lib/disposable';
import type { StreamSink } from '../rpc/types';
import { columnsFor } from './columns';
import type { Informer, InformerRow } from './informer';

export interface ViewOptions {
  /** The shortest time between two diffs (a frame at 60 Hz). */
  frameMs?: number;
  /** Most rows in one diff. */
  chunk?: number;
}

export const toKubeRow = (row: InformerRow): KubeRow => ({ uid: row.uid, namespace: row.namespace, name: row.name, created: row.created, cells: row.cells as KubeRow['cells'] });

export function parseSelector(text: string): LabelSelector {
  try {
    return parseLabelSelector(text);
  } catch (error) {
    if (error instanceof SelectorError) throw new WorkbenchError({ code: 'invalid-request', message: `label selector: ${error.message}`, field: 'labelSelector' });
    throw error;
  }
}

export function openView(informer: Informer, params: ViewParams, sink: StreamSink<ViewEvent>, options: ViewOptions = {}): Disposable {
  const frameMs = options.frameMs ?? 16;
  const chunk = options.chunk ?? 5000;
  const selector = parseSelector(params.labelSelector);
  const namespaces = params.namespaces.length > 0 && informer.kind.namespaced ? new Set(params.namespaces) : undefined;
  const matches = (row: InformerRow) => (!namespaces || namespaces.has(row.namespace)) && (selector.length === 0 || matchesSelector(selector, row.labels));

  /** uid → the row to upsert, or null to delete. */
  const pending = new Map<string, InformerRow | null>();
  /** The rows the renderer holds (or will, once pending is sent). */
  const shown = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let lastFlush = 0;
  let lastCount = -1;
  let disposed = false;

  const schedule = () => {
    if (timer || disposed || sink.paused) return;
    const wait = Math.max(0, lastFlush + frameMs - Date.now());
    timer = setTimeout(flush, wait);
  };

  const status = (phase: ViewPhase, message?: string, retryInMs?: number) => {
    lastCount = shown.size;
    sink.emit({ type: 'status', phase, count: shown.size, ...(message ? { message } : {}), ...(retryInMs !== undefined ? { retryInMs } : {}) });
  };

  function flush(): void {
    timer = undefined;
    if (disposed || sink.paused) return;
    lastFlush = Date.now();
    const upserts: KubeRow[] = [];
    const deletes: string[] = [];
    for (const [uid, row] of pending) {
      pending.delete(uid);
      if (row) upserts.push(toKubeRow(row));
      else deletes.push(uid);
      if (upserts.length + deletes.length >= chunk) break;
    }
    if (upserts.length || deletes.length) sink.emit({ type: 'rows', upserts, deletes }, upserts.length + deletes.length);
    if (pending.size === 0 && shown.size !== lastCount && informer.synced) {
      const { phase, message, retryInMs } = informer.phase;
      status(phase, message, retryInMs);
    }
    if (pending.size > 0) schedule();
  }

  const listener = {
    upsert(row: InformerRow) {
      if (matches(row)) {
        shown.add(row.uid);
        pending.set(row.uid, row);
      } else if (shown.delete(row.uid)) {
        pending.set(row.uid, null);
      } else return;
      schedule();
    },
    remove(row: InformerRow) {
      if (!shown.delete(row.uid)) return;
      pending.set(row.uid, null);
      schedule();
    },
    status(phase: ViewPhase, message?: string, retryInMs?: number) {
      // Rows still queued go first, so a "watching" status counts them.
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      status(phase, message, retryInMs);
    },
  };

  sink.emit({ type: 'columns', columns: columnsFor(informer.kind, informer.kind.namespaced) });
  sink.emit({ type: 'reset' });
  const source: Iterable<InformerRow> = namespaces ? [...namespaces].flatMap((ns) => [...(informer.namespaceUids(ns) ?? [])].map((uid) => informer.rows.get(uid)!)) : informer.rows.values();
  for (const row of source) listener.upsert(row);
  const now = informer.phase;
  status(now.phase, now.message, now.retryInMs);
  const subscription = informer.subscribe(listener);
  const pressure = sink.onPressure((paused) => {
    if (!paused) schedule();
  });
  schedule();

  return {
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      subscription.dispose();
      pressure.dispose();
    },
  };
}
