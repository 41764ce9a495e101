// The instances of every region shown, in one virtualized table: sortable
// columns, ticked rows (click, Ctrl/Cmd-click, Shift-click, the checkboxes,
// Ctrl/Cmd-A), double-click or Enter for the details.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useRef, type KeyboardEvent } from 'react';
import type { Ec2Instance } from '../../../shared/contract/cloud';
import { useAppStore } from '../../app/store';
import { duration } from '../../ui/format';
import { Spinner } from './CloudIcons';
import { useNow } from './hooks';
import type { CloudColumn } from './model/sort';
import { clickSelect, selectAll, type ClickModifiers } from './model/selection';
import { tagText } from './model/sort';
import { cloudSelectors } from './store/selectors';
import { visibleInstances } from './visible';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;

// Fixed widths but for Name and Tags, which share what is left: every row
// then has the same tracks whatever its content (a row sized to its content
// would misalign).
const COLUMNS: Array<{ id: CloudColumn; title: string; width: number; grow?: number }> = [
  { id: 'name', title: 'Name', width: 140, grow: 1 },
  { id: 'id', title: 'ID', width: 160 },
  { id: 'type', title: 'Type', width: 88 },
  { id: 'state', title: 'State', width: 110 },
  { id: 'region', title: 'Region', width: 96 },
  { id: 'az', title: 'AZ', width: 96 },
  { id: 'publicIp', title: 'Public IP', width: 108 },
  { id: 'privateIp', title: 'Private IP', width: 104 },
  { id: 'keyName', title: 'Key', width: 80 },
  { id: 'launchTime', title: 'Launched', width: 84 },
  { id: 'tags', title: 'Tags', width: 150, grow: 2 },
];
const CHECK_WIDTH = 24;
const GAP = 8;
const PADDING = 24;
const TEMPLATE = `${CHECK_WIDTH}px ${COLUMNS.map((c) => (c.grow ? `minmax(${c.width}px, ${c.grow}fr)` : `${c.width}px`)).join(' ')}`;
/** Narrower than this, the table scrolls sideways. */
const MIN_WIDTH = CHECK_WIDTH + COLUMNS.reduce((sum, c) => sum + c.width, 0) + GAP * COLUMNS.length + PADDING;
const TRANSITIONAL = new Set(['pending', 'stopping', 'shutting-down']);

interface RowProps {
  instance: Ec2Instance;
  top: number;
  index: number;
  checked: boolean;
  cursor: boolean;
  /** Shown in the details panel. */
  open: boolean;
  pending: string | undefined;
  now: number;
  onPick(id: string, mods: ClickModifiers): void;
  onOpen(id: string): void;
}

const InstanceRow = memo(function InstanceRow({ instance: i, top, index, checked, cursor, open, pending, now, onPick, onOpen }: RowProps) {
  const tags = Object.entries(i.tags).filter(([k]) => k !== 'Name');
  const all = tagText(i.tags);
  const busy = TRANSITIONAL.has(i.state) || pending !== undefined;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked}
      className={`cloud-row${checked ? ' selected' : ''}${cursor ? ' cursor' : ''}${open ? ' open' : ''}`}
      data-testid={`cloud-row-${i.id}`}
      data-state={i.state}
      style={{ transform: `translateY(${top}px)`, gridTemplateColumns: TEMPLATE, minWidth: MIN_WIDTH }}
      onMouseDown={(e) => {
        if (e.button !== 0 || (e.target as HTMLElement).closest('input')) return;
        // Shift-click extends a range: it should not select text on the way.
        if (e.shiftKey || e.detail > 1) e.preventDefault();
        onPick(i.id, { range: e.shiftKey, toggle: e.ctrlKey || e.metaKey });
      }}
      onDoubleClick={() => onOpen(i.id)}
    >
      <span role="gridcell" className="cloud-cell cloud-cell-check">
        <input
          type="checkbox"
          aria-label={`Select ${i.name || i.id}`}
          data-testid={`cloud-row-check-${i.id}`}
          checked={checked}
          onChange={(e) => onPick(i.id, { toggle: true, range: (e.nativeEvent as MouseEvent).shiftKey === true })}
        />
      </span>
      <span role="gridcell" className={`cloud-cell cloud-cell-name${i.name ? '' : ' unnamed'}`} title={i.name || 'no Name tag'}>
        {i.name || '—'}
      </span>
      <span role="gridcell" className="cloud-cell cloud-mono">{i.id}</span>
      <span role="gridcell" className="cloud-cell">{i.type}</span>
      <span role="gridcell" className={`cloud-cell cloud-state state-${i.state}`} title={pending ? `${pending} sent` : i.state}>
        {busy ? <Spinner /> : <span className="cloud-dot" />}
        {i.state}
      </span>
      <span role="gridcell" className="cloud-cell">{i.region}</span>
      <span role="gridcell" className="cloud-cell">{i.az}</span>
      <span role="gridcell" className="cloud-cell cloud-mono">{i.publicIp ?? ''}</span>
      <span role="gridcell" className="cloud-cell cloud-mono">{i.privateIp ?? ''}</span>
      <span role="gridcell" className="cloud-cell" title={i.keyName}>{i.keyName ?? ''}</span>
      <span role="gridcell" className="cloud-cell cloud-age" title={i.launchTime ? new Date(i.launchTime).toLocaleString() : 'unknown'}>
        {i.launchTime ? duration(Math.max(0, now - i.launchTime) / 1000) : ''}
      </span>
      <span role="gridcell" className="cloud-cell cloud-tags" title={all}>
        {tags.slice(0, 2).map(([k, v]) => (
          <span key={k} className="chip cloud-tag">
            {v ? `${k}=${v}` : k}
          </span>
        ))}
        {tags.length > 2 ? <span className="hint">+{tags.length - 2}</span> : null}
      </span>
    </div>
  );
});

export function InstanceTable() {
  const { rows, ids } = useAppStore(visibleInstances);
  const sort = useAppStore((s) => s.cloudSort);
  const selection = useAppStore((s) => s.cloudSelection);
  const anchor = useAppStore((s) => s.cloudAnchor);
  const pending = useAppStore((s) => s.cloudPending);
  const detailsId = useAppStore((s) => s.cloudDetailsId);
  const now = useNow(30_000);
  const scrollRef = useRef<HTMLDivElement>(null);
  const checked = new Set(selection);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  });

  const pick = useCallback((id: string, mods: ClickModifiers) => {
    const s = useAppStore.getState();
    const next = clickSelect({ ids: s.cloudSelection, anchor: s.cloudAnchor }, visibleInstances(s).ids, id, mods);
    s.setCloudSelection(next);
    // With the details open, they follow a plain click.
    if (s.cloudDetailsId && !mods.range && !mods.toggle) s.openCloudDetails(id);
  }, []);
  const open = useCallback((id: string) => useAppStore.getState().openCloudDetails(id), []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (ids.length === 0 || (event.target as HTMLElement).tagName === 'INPUT') return;
    const at = anchor ? ids.indexOf(anchor) : -1;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = at < 0 ? 0 : Math.min(ids.length - 1, at + 1);
        break;
      case 'ArrowUp':
        next = at < 0 ? 0 : Math.max(0, at - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = ids.length - 1;
        break;
      case ' ':
        if (at >= 0) {
          event.preventDefault();
          pick(ids[at]!, { toggle: true });
        }
        return;
      case 'Enter':
        if (at >= 0) {
          event.preventDefault();
          open(ids[at]!);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    pick(ids[next]!, { range: event.shiftKey });
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const allChecked = ids.length > 0 && ids.every((id) => checked.has(id));
  const someChecked = !allChecked && ids.some((id) => checked.has(id));

  return (
    <div
      ref={scrollRef}
      className="cloud-table"
      role="grid"
      aria-label="Instances"
      aria-rowcount={rows.length + 1}
      aria-multiselectable="true"
      data-testid="cloud-table"
      data-rows={rows.length}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="cloud-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: TEMPLATE, height: HEADER_HEIGHT, minWidth: MIN_WIDTH }}>
        <span role="columnheader" className="cloud-cell-check">
          <input
            type="checkbox"
            aria-label="Select every instance shown"
            data-testid="cloud-check-all"
            checked={allChecked}
            ref={(el) => {
              if (el) el.indeterminate = someChecked;
            }}
            onChange={() => {
              const s = useAppStore.getState();
              s.setCloudSelection(selectAll({ ids: s.cloudSelection, anchor: s.cloudAnchor }, visibleInstances(s).ids));
            }}
          />
        </span>
        {COLUMNS.map((column) => {
          const active = sort.column === column.id;
          return (
            <button
              key={column.id}
              type="button"
              role="columnheader"
              className={`cloud-col${active ? ' sorted' : ''}`}
              aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
              data-testid={`cloud-col-${column.id}`}
              title={`Sort by ${column.title}`}
              onClick={() => useAppStore.getState().sortCloud(column.id)}
            >
              {column.title}
              <span className="cloud-sort-mark">{active ? (sort.dir === 1 ? '▲' : '▼') : ''}</span>
            </button>
          );
        })}
      </div>
      {rows.length === 0 ? (
        <EmptyTable />
      ) : (
        <div className="cloud-body" style={{ height: virtualizer.getTotalSize(), minWidth: MIN_WIDTH }}>
          {virtualizer.getVirtualItems().map((item) => {
            const instance = rows[item.index];
            if (!instance) return null;
            return (
              <InstanceRow
                key={instance.id}
                instance={instance}
                top={item.start - HEADER_HEIGHT}
                index={item.index}
                checked={checked.has(instance.id)}
                cursor={anchor === instance.id}
                open={detailsId === instance.id}
                pending={pending[instance.id]}
                now={now}
                onPick={pick}
                onOpen={open}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}

function EmptyTable() {
  const live = useAppStore((s) => s.cloudLive);
  const total = useAppStore((s) => cloudSelectors.instances(s).length);
  const setCloudFilter = useAppStore((s) => s.setCloudFilter);
  const regions = Object.entries(live?.regions ?? {});
  const waiting = regions.filter(([, v]) => v.fetchedAt === undefined && !v.error);
  if (total === 0 && waiting.length > 0) {
    return (
      <div className="cloud-skeleton" aria-busy="true" aria-label="Listing instances" data-testid="cloud-loading">
        <p className="hint">
          <Spinner /> Listing instances in {waiting.map(([r]) => r).join(', ')}…
        </p>
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="cloud-skeleton-row" style={{ gridTemplateColumns: TEMPLATE }}>
            {Array.from({ length: COLUMNS.length + 1 }, (_, j) => (
              <span key={j} className="cloud-skeleton-bar" style={{ width: `${40 + ((i * 7 + j * 13) % 50)}%` }} />
            ))}
          </div>
        ))}
      </div>
    );
  }
  if (total > 0) {
    return (
      <div className="cloud-empty" data-testid="cloud-empty" data-reason="filtered">
        <p>No instance matches the filters.</p>
        <button type="button" onClick={() => setCloudFilter({ search: '', states: [], tag: '' })}>Clear filters</button>
      </div>
    );
  }
  const listed = regions.filter(([, v]) => !v.error).map(([r]) => r);
  return (
    <div className="cloud-empty" data-testid="cloud-empty" data-reason="none">
      {listed.length ? <p>No instances in {listed.join(', ')}.</p> : <p>No region could be listed: see the errors above.</p>}
      {listed.length ? <p className="hint">Pick other regions above, or another profile.</p> : null}
    </div>
  );
}
