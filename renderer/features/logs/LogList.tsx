// The lines of a view: only the rows on screen are in the DOM, fetched in
// windows from main. The scroll height stands for every matched line (scaled
// past what a browser can scroll), fixed-height rows, follow mode at the end.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import type { LogLine } from '../../../shared/contract/logs';
import { useAppStore } from '../../app/store';
import { sourceColor } from './model/colors';
import type { LineFetcher } from './model/fetcher';
import { chipOfLevel } from './model/filters';
import { count, formatTime } from './model/format';
import { atEnd, firstRow, scrollHeight, scrollTopForRow, type ScrollGeometry } from './model/scroll';
import { Message } from './Message';
import type { LogTab } from './store/initialState';

export const ROW_HEIGHT = 20;

/** What the view's keys and the palette do to a list. */
export interface ListController {
  /** Bring a matched line into sight (and stop following). */
  reveal(index: number, align?: 'center' | 'auto'): void;
  page(direction: 1 | -1): void;
  top(): void;
  /** The first line on screen. */
  firstVisible(): number;
}

export const listControllers = new Map<string, ListController>();

const startOfToday = () => new Date().setHours(0, 0, 0, 0);

interface RowProps {
  line: LogLine;
  index: number;
  top: number;
  template: string;
  withDate: boolean;
  showSource: boolean;
  /** The source's short label (`web-1:app.log`), its id in the tooltip. */
  sourceLabel: string;
  columns: readonly string[];
  patterns: readonly RegExp[];
  selected: boolean;
  onPick(line: LogLine, index: number, event: ReactMouseEvent): void;
}

const Row = memo(function Row({ line, index, top, template, withDate, showSource, sourceLabel, columns, patterns, selected, onPick }: RowProps) {
  const level = chipOfLevel(line.level);
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      className={`logs-row level-${level}${selected ? ' selected' : ''}`}
      data-testid={`logs-line-${line.seq}`}
      data-level={line.level}
      data-source={line.source}
      data-time={line.time}
      style={{ transform: `translateY(${top}px)`, gridTemplateColumns: template }}
      onMouseDown={(e) => {
        if (e.button === 0) onPick(line, index, e);
      }}
    >
      <span className="logs-cell logs-time" title={line.timed ? new Date(line.time).toISOString() : `arrived ${new Date(line.time).toISOString()}`}>
        {formatTime(line.time, withDate)}
      </span>
      {showSource ? (
        <span className="logs-cell logs-source" style={{ color: sourceColor(line.source) }} title={line.source}>
          {sourceLabel}
        </span>
      ) : null}
      <span className="logs-cell">
        <span className={`logs-level level-${level}`}>{line.level === 'unknown' ? '' : line.level}</span>
      </span>
      {columns.map((c) => (
        <span key={c} className="logs-cell logs-field" title={line.fields?.[c]}>
          {line.fields?.[c] ?? ''}
        </span>
      ))}
      <span className="logs-cell logs-message">
        {line.extra?.length ? (
          <button type="button" className="logs-extra" title="Show the whole entry" aria-label={`${line.extra.length} more lines`} data-testid={`logs-extra-${line.seq}`}>
            +{line.extra.length}
          </button>
        ) : null}
        <Message text={line.text} patterns={patterns} />
      </span>
    </div>
  );
});

export function LogList({ tab, fetcher, version, columns, patterns }: { tab: LogTab; fetcher: LineFetcher; version: number; columns: readonly string[]; patterns: readonly RegExp[] }) {
  const updateLogTab = useAppStore((s) => s.updateLogTab);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  const expected = useRef<number | undefined>(undefined);
  const frame = useRef(0);
  const matched = fetcher.matched ?? 0;
  const pausedAt = useRef<number | undefined>(undefined);
  const { viewId, follow, showSource } = tab;
  const labels = useMemo(() => new Map(tab.sources.map((s) => [s.id, s.label])), [tab.sources]);

  const geometry: ScrollGeometry = useMemo(() => ({ rows: matched, rowHeight: ROW_HEIGHT, viewport }), [matched, viewport]);
  const geometryRef = useRef(geometry);
  geometryRef.current = geometry;
  const visibleRows = Math.ceil(viewport / ROW_HEIGHT) + 1;

  const setScroll = useCallback((top: number) => {
    const el = scrollRef.current;
    if (!el) return;
    expected.current = Math.round(top);
    el.scrollTop = top;
    setScrollTop(el.scrollTop);
  }, []);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || 400));
    observer.observe(el);
    setViewport(el.clientHeight || 400);
    return () => observer.disconnect();
  }, []);

  // Following: stay at the end as lines arrive.
  useLayoutEffect(() => {
    if (!follow) return;
    pausedAt.current = undefined;
    setScroll(scrollHeight(geometry));
  }, [follow, geometry, setScroll]);

  useEffect(() => fetcher.setFollow(follow), [fetcher, follow]);

  const { index: first, shift } = firstRow(scrollTop, geometry);
  useEffect(() => {
    fetcher.show(first, first + visibleRows);
  }, [fetcher, first, visibleRows]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const top = el.scrollTop;
    const programmatic = expected.current !== undefined && Math.abs(top - expected.current) <= 2;
    expected.current = undefined;
    if (!programmatic) {
      const end = atEnd(top, geometryRef.current);
      const state = useAppStore.getState().logTabs.find((t) => t.viewId === viewId);
      if (state?.follow && !end) {
        pausedAt.current = fetcher.matched;
        updateLogTab(viewId, { follow: false });
      } else if (state && !state.follow && end && geometryRef.current.rows * ROW_HEIGHT > geometryRef.current.viewport) {
        updateLogTab(viewId, { follow: true });
      }
    }
    // One render a frame, however fast the wheel turns.
    if (!frame.current) {
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        if (scrollRef.current) setScrollTop(scrollRef.current.scrollTop);
      });
    }
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useEffect(() => {
    if (!follow && pausedAt.current === undefined) pausedAt.current = fetcher.matched;
  }, [follow, fetcher]);

  // The controller the keys and the palette use.
  useEffect(() => {
    const pause = () => {
      if (useAppStore.getState().logTabs.find((t) => t.viewId === viewId)?.follow) {
        pausedAt.current = fetcher.matched;
        updateLogTab(viewId, { follow: false });
      }
    };
    const controller: ListController = {
      reveal(index, align = 'center') {
        pause();
        const g = geometryRef.current;
        const rows = Math.floor(g.viewport / ROW_HEIGHT);
        const current = firstRow(scrollRef.current?.scrollTop ?? 0, g).index;
        if (align === 'auto' && index >= current && index < current + rows - 1) return;
        const target = align === 'center' ? index - Math.floor(rows / 2) : index < current ? index : index - rows + 2;
        setScroll(scrollTopForRow(Math.max(0, target), g));
      },
      page(direction) {
        if (direction < 0) pause();
        const g = geometryRef.current;
        const rows = Math.max(1, Math.floor(g.viewport / ROW_HEIGHT) - 1);
        const current = firstRow(scrollRef.current?.scrollTop ?? 0, g).index;
        setScroll(scrollTopForRow(Math.max(0, current + direction * rows), g));
      },
      top() {
        pause();
        setScroll(0);
      },
      firstVisible: () => firstRow(scrollRef.current?.scrollTop ?? 0, geometryRef.current).index,
    };
    listControllers.set(viewId, controller);
    return () => {
      if (listControllers.get(viewId) === controller) listControllers.delete(viewId);
    };
  }, [viewId, fetcher, setScroll, updateLogTab]);

  const pick = useCallback(
    (line: LogLine, index: number, event: ReactMouseEvent) => {
      if (event.detail > 1) event.preventDefault();
      const current = useAppStore.getState().logTabs.find((t) => t.viewId === viewId)?.selected;
      const opening = (event.target as HTMLElement).closest('.logs-extra');
      if (current?.seq === line.seq && !opening && event.detail === 1) updateLogTab(viewId, { selected: undefined, selectedIndex: undefined });
      else updateLogTab(viewId, { selected: line, selectedIndex: index });
      scrollRef.current?.focus({ preventScroll: true });
    },
    [viewId, updateLogTab],
  );

  // Rows on screen (slots reused as the list scrolls).
  const rows: { index: number; line: LogLine | undefined }[] = [];
  for (let i = 0; i < visibleRows && first + i < matched; i++) rows.push({ index: first + i, line: fetcher.line(first + i) });
  const today = startOfToday();
  const withDate = rows.some((r) => r.line && r.line.time < today);
  const template = [withDate ? '178px' : '96px', ...(showSource ? ['minmax(80px, 160px)'] : []), '52px', ...columns.map(() => 'minmax(60px, 140px)'), 'minmax(200px, 1fr)'].join(' ');
  const newLines = !follow && pausedAt.current !== undefined ? Math.max(0, matched - pausedAt.current) : 0;
  void version;

  return (
    <div className="logs-list-wrap">
      <div className="logs-head" role="row" style={{ gridTemplateColumns: template }}>
        <span role="columnheader">Time</span>
        {showSource ? <span role="columnheader">Source</span> : null}
        <span role="columnheader">Level</span>
        {columns.map((c) => (
          <span key={c} role="columnheader" title={c}>
            {c}
          </span>
        ))}
        <span role="columnheader">Message</span>
      </div>
      <div
        ref={scrollRef}
        className="logs-scroll"
        role="grid"
        aria-label="Log lines"
        aria-rowcount={matched}
        tabIndex={0}
        data-testid="logs-list"
        data-matched={fetcher.matched ?? ''}
        data-total={tab.total}
        data-first={first}
        onScroll={onScroll}
      >
        <div className="logs-spacer" style={{ height: Math.max(scrollHeight(geometry), 1) }}>
          <div className="logs-viewport" style={{ height: viewport }}>
            {rows.map(({ index, line }) => {
              const top = (index - first) * ROW_HEIGHT - shift;
              const slot = index % (visibleRows * 2);
              return line ? (
                <Row
                  key={slot}
                  line={line}
                  index={index}
                  top={top}
                  template={template}
                  withDate={withDate}
                  showSource={showSource}
                  sourceLabel={labels.get(line.source) ?? line.source}
                  columns={columns}
                  patterns={patterns}
                  selected={tab.selected?.seq === line.seq}
                  onPick={pick}
                />
              ) : (
                <div key={slot} className="logs-row logs-row-loading" aria-busy="true" style={{ transform: `translateY(${top}px)` }}>
                  <span className="logs-skeleton" style={{ width: `${30 + ((index * 37) % 50)}%` }} />
                </div>
              );
            })}
          </div>
        </div>
        {fetcher.matched === 0 ? (
          <div className="logs-empty" data-testid="logs-empty">
            {fetcher.filterError ? 'The filter does not compile.' : tab.total > 0 ? `No lines match (${count(tab.total)} in the view).` : 'No lines yet.'}
          </div>
        ) : null}
      </div>
      {newLines > 0 ? (
        <button type="button" className="logs-pill logs-new-lines" data-testid="logs-new-lines" onClick={() => updateLogTab(viewId, { follow: true })}>
          {count(newLines)} new line{newLines === 1 ? '' : 's'} ↓
        </button>
      ) : null}
    </div>
  );
}
