// The live table of one kind: only the rows in sight are in the DOM (fixed
// 26 px rows, @tanstack/react-virtual), columns as main sends them, sortable
// by any header, and driven from the keyboard like a list.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { KubeColumn, KubeRow } from '../../../shared/contract/kube';
import { formatAge } from './model/age';
import { rowKey, type RowStore } from './model/row-store';
import type { SortSpec } from './model/sort';
import { statusTone } from './model/status';
import { ClusterIcon } from './ClusterIcons';
import { useNow, useStoreVersion } from './hooks';

export const ROW_HEIGHT = 26;
const HEADER_HEIGHT = 28;

/** Grid columns: the name (and an event's message) take the room left; the rest their width. */
export function gridTemplate(columns: readonly KubeColumn[]): string {
  return columns
    .map((c) => {
      if (c.id === 'name') return `minmax(${c.width ?? 220}px, 2fr)`;
      if (c.id === 'message') return `minmax(${c.width ?? 300}px, 3fr)`;
      return `${c.width ?? 120}px`;
    })
    .join(' ');
}

function cellText(column: KubeColumn, value: string | number | null | undefined, row: KubeRow, now: number): string {
  if (column.type === 'age') return formatAge(typeof value === 'number' ? value : row.created, now);
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? value.toLocaleString() : value;
}

interface RowProps {
  row: KubeRow;
  columns: readonly KubeColumn[];
  template: string;
  top: number;
  index: number;
  selected: boolean;
  now: number;
  onPick(row: KubeRow, open: boolean): void;
}

const KubeRowView = memo(function KubeRowView({ row, columns, template, top, index, selected, now, onPick }: RowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`kube-row${selected ? ' selected' : ''}`}
      data-testid={`kube-row-${row.name}`}
      data-namespace={row.namespace}
      data-uid={row.uid}
      style={{ transform: `translateY(${top}px)`, gridTemplateColumns: template }}
      onMouseDown={(e) => {
        // A double click opens the row; it should not select its text on the way.
        if (e.detail > 1) e.preventDefault();
        if (e.button === 0) onPick(row, false);
      }}
      onDoubleClick={() => onPick(row, true)}
    >
      {columns.map((column, i) => {
        const value = row.cells[i];
        const text = cellText(column, value, row, now);
        if (column.type === 'status') {
          return (
            <span key={column.id} role="gridcell" className={`kube-cell kube-cell-status tone-${statusTone(value)}`} title={text}>
              {text}
            </span>
          );
        }
        return (
          <span key={column.id} role="gridcell" className={`kube-cell kube-cell-${column.type}${column.id === 'name' ? ' kube-cell-name' : ''}`} title={column.type === 'age' ? undefined : text}>
            {text}
          </span>
        );
      })}
    </div>
  );
});

export interface KubeTableProps {
  store: RowStore;
  /** What the rows are, for the empty message ("pods"). */
  plural: string;
  /** Where main looked, for the empty message: " in kube-system", " matching app=web". */
  scope?: string;
  sort: SortSpec;
  selected: string | undefined;
  onSort(column: string): void;
  onSelect(row: KubeRow): void;
  onOpen(row: KubeRow): void;
  /** Registers how the view moves focus into the table (from the search box). */
  focusRef?: { current: (() => void) | undefined };
}

export function KubeTable({ store, plural, scope = '', sort, selected, onSort, onSelect, onOpen, focusRef }: KubeTableProps) {
  const version = useStoreVersion(store);
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = store.visible;
  const columns = store.columns;
  const template = useMemo(() => gridTemplate(columns), [columns]);

  useEffect(() => {
    store.setSort(sort);
  }, [store, sort]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  });

  // Bring a row chosen elsewhere (a link from the details) into sight once it is in the table.
  const revealed = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!selected || revealed.current === selected) return;
    const index = store.indexOfKey(selected);
    if (index < 0) return;
    revealed.current = selected;
    virtualizer.scrollToIndex(index, { align: 'center' });
  }, [selected, version, store, virtualizer]);

  const pick = useCallback(
    (row: KubeRow, open: boolean) => {
      revealed.current = rowKey(row);
      scrollRef.current?.focus({ preventScroll: true });
      if (open) onOpen(row);
      else onSelect(row);
    },
    [onOpen, onSelect],
  );

  useEffect(() => {
    if (!focusRef) return;
    focusRef.current = () => {
      scrollRef.current?.focus();
      if (!selected && store.visible.length) pick(store.visible[0]!, false);
    };
    return () => {
      focusRef.current = undefined;
    };
  }, [focusRef, pick, selected, store]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const count = store.visible.length;
    if (count === 0) return;
    const at = selected ? store.indexOfKey(selected) : -1;
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = at < 0 ? 0 : Math.min(count - 1, at + 1);
        break;
      case 'ArrowUp':
        next = at < 0 ? 0 : Math.max(0, at - 1);
        break;
      case 'PageDown':
        next = Math.min(count - 1, Math.max(0, at) + page);
        break;
      case 'PageUp':
        next = Math.max(0, Math.max(0, at) - page);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = count - 1;
        break;
      case 'Enter': {
        const row = at >= 0 ? store.visible[at] : undefined;
        if (row) {
          event.preventDefault();
          onOpen(row);
        }
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    const row = store.visible[next]!;
    revealed.current = rowKey(row);
    onSelect(row);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const items = virtualizer.getVirtualItems();
  // Enough slots that the rows drawn at once never share one.
  const slots = Math.max(64, items.length * 2);
  return (
    <div
      ref={scrollRef}
      className="kube-table"
      role="grid"
      aria-label={`${plural} table`}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      data-testid="kube-table"
      data-rows={rows.length}
      data-total={store.total}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="kube-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}>
        {columns.map((column) => {
          const active = sort.column === column.id;
          return (
            <button
              key={column.id}
              type="button"
              role="columnheader"
              className={`kube-col kube-col-${column.type}${active ? ' sorted' : ''}`}
              aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
              data-testid={`kube-col-${column.id}`}
              title={`Sort by ${column.title}`}
              onClick={() => onSort(column.id)}
            >
              {column.title}
              <span className="kube-sort-mark">{active ? (sort.dir === 1 ? '▲' : '▼') : ''}</span>
            </button>
          );
        })}
      </div>
      {!store.loaded ? (
        <Skeleton template={template} columns={columns.length || 5} />
      ) : rows.length === 0 ? (
        <EmptyTable store={store} plural={plural} scope={scope} />
      ) : (
        <div className="kube-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <KubeRowView
                // Keyed by slot, not by row: scrolling reuses the row elements and only changes their text.
                key={item.index % slots}
                row={row}
                columns={columns}
                template={template}
                top={item.start - HEADER_HEIGHT}
                index={item.index}
                selected={selected === rowKey(row)}
                now={now}
                onPick={pick}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}

function EmptyTable({ store, plural, scope }: { store: RowStore; plural: string; scope: string }) {
  if (store.status?.phase === 'forbidden' && store.total === 0) {
    return (
      <div className="kube-empty kube-empty-forbidden" data-testid="kube-empty" data-reason="forbidden">
        <ClusterIcon name="lock" size={22} />
        <p>
          <strong>You may not list {plural} here.</strong>
        </p>
        {store.status.message ? <p className="hint">{store.status.message}</p> : null}
        <p className="hint">Other kinds are not affected. Ask for list and watch access, or pick namespaces you may read.</p>
      </div>
    );
  }
  if (store.error && store.total === 0) {
    return (
      <div className="kube-empty" data-testid="kube-empty" data-reason="error">
        <p className="error-text">{store.error}</p>
      </div>
    );
  }
  return (
    <div className="kube-empty" data-testid="kube-empty" data-reason={store.total > 0 ? 'filtered' : 'none'}>
      {store.filtering ? 'Searching…' : store.total > 0 ? `No ${plural} match the search.` : scope ? `No ${plural}${scope}.` : `No ${plural} here.`}
    </div>
  );
}

function Skeleton({ template, columns }: { template: string; columns: number }) {
  return (
    <div className="kube-skeleton" aria-busy="true" aria-label="Loading rows" data-testid="kube-skeleton">
      {Array.from({ length: 12 }, (_, i) => (
        <div key={i} className="kube-skeleton-row" style={{ gridTemplateColumns: template || `repeat(${columns}, 1fr)` }}>
          {Array.from({ length: columns }, (_, j) => (
            <span key={j} className="kube-skeleton-bar" style={{ width: `${40 + ((i * 7 + j * 13) % 50)}%` }} />
          ))}
        </div>
      ))}
    </div>
  );
}
