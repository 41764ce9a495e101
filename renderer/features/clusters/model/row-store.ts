// One live table's rows, outside React: a Map by uid that each `rows` diff
// updates in O(changes), a sorted index kept sorted incrementally, and the
// filtered rows the table draws. Work proportional to every row (a full sort,
// a merge, a re-filter) happens at most every `throttleMs` once a table is
// large, and a fuzzy search over many rows is sliced so that no task runs long.
import type { KubeColumn, KubeRow, ViewEvent, ViewPhase } from '../../../../shared/contract/kube';
import { RowFilter, type FilterSpec } from './filter';
import { applySorted, lowerBound, makeComparator, sortRows, type RowComparator, type SortSpec } from './sort';

export interface ViewStatus {
  phase: ViewPhase;
  /** Rows matching the view, as main counts them. */
  count: number;
  message?: string;
  retryInMs?: number;
  /** When the status arrived (to count down to the retry). */
  at: number;
}

export interface Scheduler {
  /** Run before the next paint. */
  frame(run: () => void): () => void;
  /** Run after `ms`. */
  later(run: () => void, ms: number): () => void;
  now(): number;
}

export const browserScheduler: Scheduler = {
  frame(run) {
    const id = requestAnimationFrame(run);
    return () => cancelAnimationFrame(id);
  },
  later(run, ms) {
    const id = setTimeout(run, ms);
    return () => clearTimeout(id);
  },
  now: () => performance.now(),
};

export interface RowStoreOptions {
  scheduler?: Scheduler;
  /** From this many rows on, whole-table work is throttled. */
  largeRows?: number;
  /** The shortest time between two updates of a large table. */
  throttleMs?: number;
  /** How long one slice of a fuzzy re-filter may run. */
  sliceMs?: number;
  /** Told how many units (rows, or 1 per other event) the table has taken in: the stream's acknowledgement. */
  onConsumed?: (units: number) => void;
}

export const DEFAULT_SORT: SortSpec = { column: 'name', dir: 1 };

/** "namespace/name": what selection and links hold on to (a uid changes when a pod is recreated). */
export const rowKey = (row: Pick<KubeRow, 'namespace' | 'name'>): string => `${row.namespace}/${row.name}`;

export class RowStore {
  columns: KubeColumn[] = [];
  status: ViewStatus | undefined;
  /** Why the stream ended, if it failed (an invalid label selector, a cluster gone). */
  error: string | undefined;
  /** The latest row for each uid. */
  readonly rows = new Map<string, KubeRow>();
  private readonly byKey = new Map<string, string>();
  /** Rows in sort order, as of the last flush. */
  private sorted: KubeRow[] = [];
  /** The rows that pass the filter, in sort order (the same array as `sorted` when nothing filters). */
  private shown: KubeRow[] = this.sorted;
  /** uid → the row object the index holds for it (undefined: none), for uids changed since the last flush. */
  private readonly changed = new Map<string, KubeRow | undefined>();
  private rebuild = false;
  private received = false;
  private sortSpec: SortSpec = DEFAULT_SORT;
  private cmp: RowComparator = makeComparator([], DEFAULT_SORT);
  private readonly filter = new RowFilter();
  /** A fuzzy re-filter running in slices; `shown` is stale until it ends. */
  private job: { cancel(): void } | undefined;
  private warming = false;
  private cancelFlush: (() => void) | undefined;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private units = 0;
  private versionNow = 0;
  private readonly listeners = new Set<() => void>();
  private readonly scheduler: Scheduler;
  private readonly largeRows: number;
  private readonly throttleMs: number;
  private readonly sliceMs: number;
  private readonly onConsumed: (units: number) => void;
  private disposed = false;

  constructor(options: RowStoreOptions = {}) {
    this.scheduler = options.scheduler ?? browserScheduler;
    this.largeRows = options.largeRows ?? 5000;
    this.throttleMs = options.throttleMs ?? 250;
    this.sliceMs = options.sliceMs ?? 8;
    this.onConsumed = options.onConsumed ?? (() => {});
  }

  /** Changes whenever what the table shows changes (rows, order, filter, status). */
  get version(): number {
    return this.versionNow;
  }

  /** The rows to draw, sorted and filtered. Read it, never change it. */
  get visible(): readonly KubeRow[] {
    return this.shown;
  }

  get total(): number {
    return this.rows.size;
  }

  /** Rows have arrived (or the view said it is empty): no skeleton. */
  get loaded(): boolean {
    return this.received;
  }

  /** A search over many rows is still being worked through. */
  get filtering(): boolean {
    return this.job !== undefined;
  }

  get sort(): SortSpec {
    return this.sortSpec;
  }

  get filterSpec(): FilterSpec {
    return this.filter.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One event from the view stream; `units` is what main counted it as. */
  push(event: ViewEvent, units = 1): void {
    if (this.disposed) return;
    this.units += units;
    switch (event.type) {
      case 'columns':
        this.columns = event.columns;
        this.cmp = makeComparator(this.columns, this.sortSpec);
        this.rebuild = true;
        break;
      case 'reset':
        this.rows.clear();
        this.byKey.clear();
        this.changed.clear();
        this.rebuild = true;
        break;
      case 'rows':
        for (const uid of event.deletes) {
          const old = this.rows.get(uid);
          if (!old) continue;
          this.track(uid, old);
          this.rows.delete(uid);
          if (this.byKey.get(rowKey(old)) === uid) this.byKey.delete(rowKey(old));
          this.filter.forget(uid);
        }
        for (const row of event.upserts) {
          this.track(row.uid, this.rows.get(row.uid));
          this.rows.set(row.uid, row);
          this.byKey.set(rowKey(row), row.uid);
        }
        this.received = true;
        break;
      case 'status':
        this.status = { phase: event.phase, count: event.count, at: this.scheduler.now(), ...(event.message ? { message: event.message } : {}), ...(event.retryInMs !== undefined ? { retryInMs: event.retryInMs } : {}) };
        if (event.phase !== 'listing') this.received = true;
        break;
    }
    this.schedule();
  }

  /** The stream ended with an error (or `undefined` when a new one starts). */
  fail(message: string | undefined): void {
    this.error = message;
    this.bump();
  }

  setSort(spec: SortSpec): void {
    if (spec.column === this.sortSpec.column && spec.dir === this.sortSpec.dir) return;
    this.sortSpec = spec;
    this.cmp = makeComparator(this.columns, spec);
    this.rebuild = true;
    // The user asked: answer now rather than at the next throttled flush.
    this.flush();
  }

  setFilter(spec: FilterSpec): void {
    if (!this.filter.set(spec)) return;
    this.refilter();
    this.bump();
  }

  /** The row with this "namespace/name" key, if the table has it. */
  rowByKey(key: string): KubeRow | undefined {
    const uid = this.byKey.get(key);
    return uid === undefined ? undefined : this.rows.get(uid);
  }

  /** Where the row with this key is drawn, or -1. Binary search: no scan of the table. */
  indexOfKey(key: string): number {
    const uid = this.byKey.get(key);
    if (uid === undefined) return -1;
    // The index holds the row object of the last flush, which may be older than the latest.
    let row = this.rows.get(uid);
    if (!row) return -1;
    if (this.changed.has(uid)) {
      row = this.changed.get(uid);
      if (!row) return -1;
    }
    const at = lowerBound(this.shown, row, this.cmp);
    return this.shown[at] === row ? at : -1;
  }

  /** Namespaces present in the rows (for a namespace picker when namespaces cannot be listed). */
  namespaces(): string[] {
    const seen = new Set<string>();
    for (const row of this.rows.values()) if (row.namespace) seen.add(row.namespace);
    return [...seen].sort();
  }

  /**
   * Prepare search targets in the background, a slice at a time, so the first
   * search over a large table does not pay for it. Returns a cancel function.
   */
  warmSearch(): () => void {
    if (this.warming || this.filter.preparedCount >= this.rows.size) return () => {};
    this.warming = true;
    let cancelled = false;
    let cancelNext: (() => void) | undefined;
    const rows = [...this.rows.values()];
    let i = 0;
    const step = () => {
      if (cancelled || this.disposed) return;
      const deadline = this.scheduler.now() + this.sliceMs;
      while (i < rows.length) {
        this.filter.prepare(rows[i++]!);
        if ((i & 255) === 0 && this.scheduler.now() >= deadline) break;
      }
      if (i < rows.length) cancelNext = this.scheduler.later(step, 0);
      else this.warming = false;
    };
    step();
    return () => {
      cancelled = true;
      this.warming = false;
      cancelNext?.();
    };
  }

  /** Apply what has arrived now, whatever the throttle says (tests; an explicit refresh). */
  flush(): void {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    if (this.disposed) return;
    this.lastFlush = this.scheduler.now();
    if (this.rebuild) {
      this.rebuild = false;
      this.changed.clear();
      this.sorted = sortRows([...this.rows.values()], this.columns, this.sortSpec);
      if (this.filter.active) this.filter.prune(this.rows);
      this.refilter();
    } else if (this.changed.size > 0) {
      const removed: KubeRow[] = [];
      const added: KubeRow[] = [];
      for (const [uid, old] of this.changed) {
        const now = this.rows.get(uid);
        if (old === now) continue;
        if (old) removed.push(old);
        if (now) added.push(now);
      }
      this.changed.clear();
      const wasShared = this.shown === this.sorted;
      this.sorted = applySorted(this.sorted, removed, added, this.cmp, this.sortIncoming);
      if (!this.filter.active) this.shown = this.sorted;
      else if (!this.job) {
        if (wasShared) this.refilter();
        else
          this.shown = applySorted(
            this.shown,
            removed.filter((row) => this.filter.matches(row)),
            added.filter((row) => this.filter.matches(row)),
            this.cmp,
            this.sortIncoming,
          );
      }
    }
    const units = this.units;
    this.units = 0;
    if (units > 0) this.onConsumed(units);
    this.bump();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelFlush?.();
    this.job?.cancel();
    this.listeners.clear();
  }

  private readonly sortIncoming = (rows: readonly KubeRow[]) => sortRows(rows, this.columns, this.sortSpec);

  private track(uid: string, indexed: KubeRow | undefined): void {
    if (!this.rebuild && !this.changed.has(uid)) this.changed.set(uid, indexed);
  }

  private schedule(): void {
    if (this.cancelFlush || this.disposed) return;
    const large = Math.max(this.rows.size, this.sorted.length) >= this.largeRows;
    const wait = large ? Math.max(0, this.lastFlush + this.throttleMs - this.scheduler.now()) : 0;
    const run = () => {
      this.cancelFlush = undefined;
      this.flush();
    };
    if (wait > 0) {
      let cancelFrame: (() => void) | undefined;
      const cancelLater = this.scheduler.later(() => {
        cancelFrame = this.scheduler.frame(run);
      }, wait);
      this.cancelFlush = () => {
        cancelLater();
        cancelFrame?.();
      };
    } else {
      this.cancelFlush = this.scheduler.frame(run);
    }
  }

  /** Recompute the shown rows from the sorted ones: now, or in slices when a search must judge many rows. */
  private refilter(): void {
    this.job?.cancel();
    this.job = undefined;
    if (!this.filter.active) {
      this.shown = this.sorted;
      return;
    }
    const pending = this.filter.searching ? this.sorted.filter((row) => !this.filter.known(row)) : [];
    // Judging a prepared row costs a few tenths of a microsecond, preparing one about a microsecond and
    // a half: work through it in slices once that adds up to more than a few milliseconds.
    let cost = 0;
    for (const row of pending) cost += this.filter.isPrepared(row.uid) ? 1 : 4;
    if (cost < 10_000) {
      this.shown = this.sorted.filter((row) => this.filter.matches(row));
      return;
    }
    let i = 0;
    let cancelNext: (() => void) | undefined;
    let cancelled = false;
    const job = {
      cancel: () => {
        cancelled = true;
        cancelNext?.();
      },
    };
    const step = () => {
      if (cancelled || this.disposed) return;
      const deadline = this.scheduler.now() + this.sliceMs;
      while (i < pending.length) {
        this.filter.matches(pending[i++]!);
        if ((i & 127) === 0 && this.scheduler.now() >= deadline) break;
      }
      if (i < pending.length) {
        cancelNext = this.scheduler.later(step, 0);
        return;
      }
      this.job = undefined;
      // Rows that changed meanwhile are judged here; the rest are known.
      this.shown = this.sorted.filter((row) => this.filter.matches(row));
      this.bump();
    };
    this.job = job;
    cancelNext = this.scheduler.later(step, 0);
  }

  private bump(): void {
    this.versionNow++;
    for (const listener of this.listeners) listener();
  }
}
