// Which rows a table shows: a namespace set and a fuzzy search over
// "namespace/name". Targets are prepared once per row (fuzzysort's prepare is
// the costly part) and each row's verdict is kept per query, by uid: a row's
// name and namespace never change, so churn and relists cost nothing here.
import { prepare, single, type Prepared } from 'fuzzysort';
import type { KubeRow } from '../../../../shared/contract/kube';

export interface FilterSpec {
  /** Only these namespaces; empty is all of them. */
  namespaces: readonly string[];
  /** Fuzzy search over namespace/name; blank is no search. */
  query: string;
}

export const NO_FILTER: FilterSpec = { namespaces: [], query: '' };

export const searchTextOf = (row: Pick<KubeRow, 'namespace' | 'name'>): string => (row.namespace ? `${row.namespace}/${row.name}` : row.name);

export class RowFilter {
  private spec: FilterSpec = NO_FILTER;
  private namespaceSet: Set<string> | undefined;
  private query = '';
  /** uid → its prepared search target. */
  private readonly prepared = new Map<string, Prepared>();
  /** uid → whether it matches the current query. */
  private verdicts = new Map<string, boolean>();

  get active(): boolean {
    return this.namespaceSet !== undefined || this.query !== '';
  }

  /** A fuzzy query is set: judging a row costs a fuzzysort match the first time. */
  get searching(): boolean {
    return this.query !== '';
  }

  get current(): FilterSpec {
    return this.spec;
  }

  /** True when the filter changed. */
  set(spec: FilterSpec): boolean {
    const query = spec.query.trim();
    const namespaces = [...new Set(spec.namespaces)].sort();
    const same = query === this.query && namespaces.length === (this.namespaceSet?.size ?? 0) && namespaces.every((ns) => this.namespaceSet?.has(ns));
    if (same) return false;
    if (query !== this.query) this.verdicts = new Map();
    this.spec = { namespaces, query };
    this.query = query;
    this.namespaceSet = namespaces.length ? new Set(namespaces) : undefined;
    return true;
  }

  /** Judged already for this query (or no query): cheap to ask. */
  known(row: KubeRow): boolean {
    return this.query === '' || this.verdicts.has(row.uid);
  }

  matches(row: KubeRow): boolean {
    if (this.namespaceSet && !this.namespaceSet.has(row.namespace)) return false;
    if (this.query === '') return true;
    const cached = this.verdicts.get(row.uid);
    if (cached !== undefined) return cached;
    const verdict = single(this.query, this.target(row)) !== null;
    this.verdicts.set(row.uid, verdict);
    return verdict;
  }

  /** Prepare a row's target ahead of a search (idle time), so the first keystroke is fast. */
  prepare(row: KubeRow): void {
    this.target(row);
  }

  isPrepared(uid: string): boolean {
    return this.prepared.has(uid);
  }

  forget(uid: string): void {
    this.prepared.delete(uid);
    this.verdicts.delete(uid);
  }

  /** Drop what is kept for uids no longer present (after a relist). */
  prune(present: ReadonlyMap<string, unknown>): void {
    for (const uid of this.prepared.keys()) if (!present.has(uid)) this.prepared.delete(uid);
    for (const uid of this.verdicts.keys()) if (!present.has(uid)) this.verdicts.delete(uid);
  }

  get preparedCount(): number {
    return this.prepared.size;
  }

  private target(row: KubeRow): Prepared {
    let target = this.prepared.get(row.uid);
    if (!target) {
      target = prepare(searchTextOf(row));
      this.prepared.set(row.uid, target);
    }
    return target;
  }
}

/** The filter as a plain function over a list (tests, small lists). */
export function filterRows(rows: readonly KubeRow[], spec: FilterSpec): KubeRow[] {
  const filter = new RowFilter();
  filter.set(spec);
  return filter.active ? rows.filter((row) => filter.matches(row)) : [...rows];
}
