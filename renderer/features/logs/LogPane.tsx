// One log view: the find toolbar, levels and histogram, the sources, the
// lines and the entry open in the details pane.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { describeError, WorkbenchError } from '../../../shared/contract/errors';
import type { Histogram as HistogramData, LogFilter, LogLine } from '../../../shared/contract/logs';
import { useAppStore } from '../../app/store';
import { api } from '../../transport/current';
import { compileMatcher } from './model/ansi';
import { sourceColor } from './model/colors';
import { LineFetcher } from './model/fetcher';
import { filterKey, LEVEL_CHIPS, sourceShown, toggleLevel, toggleSource, toLogFilter, type FilterModel } from './model/filters';
import { count, formatTime } from './model/format';
import { findBySeq, offsetOfSeq } from './model/navigate';
import { bucketLevels, Histogram } from './Histogram';
import { FilterBar } from './FilterBar';
import { listControllers, LogList } from './LogList';
import { Message } from './Message';
import type { LogTab } from './store/initialState';
import { logsSelectors } from './store/selectors';

const errorText = (error: unknown) => describeError(WorkbenchError.from(error).toData());

/** The filter main is asked with for a tab. */
export function tabFilter(tab: LogTab): LogFilter {
  return toLogFilter(tab.filter, tab.sources.map((s) => s.id));
}

/** The fetcher of a view, and a version that changes (at most once a frame) when its lines do. */
function useFetcher(viewId: string) {
  const [version, setVersion] = useState(0);
  const frame = useRef(0);
  const fetcher = useMemo(
    () =>
      new LineFetcher(
        (q) => api().logs.window({ viewId, filter: q.filter, offset: q.offset, limit: q.limit }),
        () => {
          if (frame.current) return;
          frame.current = requestAnimationFrame(() => {
            frame.current = 0;
            setVersion((v) => v + 1);
          });
        },
      ),
    [viewId],
  );
  useEffect(
    () => () => {
      fetcher.dispose();
      cancelAnimationFrame(frame.current);
    },
    [fetcher],
  );
  return { fetcher, version };
}

/** The histogram of a view: asked again when the filter changes, and at most once a second while lines arrive. */
function useHistogram(viewId: string, filter: LogFilter, total: number): HistogramData | undefined {
  const [data, setData] = useState<HistogramData>();
  const key = filterKey(filter);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const last = useRef({ key: '', at: 0 });
  const busy = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const run = useCallback(() => {
    if (busy.current) {
      clearTimeout(timer.current);
      timer.current = setTimeout(run, 250);
      return;
    }
    const f = filterRef.current;
    const k = filterKey(f);
    busy.current = true;
    last.current = { key: k, at: Date.now() };
    api()
      .logs.histogram({ viewId, filter: f, buckets: 120 })
      .then(
        (h) => {
          if (filterKey(filterRef.current) === k) setData(h);
        },
        () => undefined,
      )
      .finally(() => {
        busy.current = false;
      });
  }, [viewId]);
  useEffect(() => {
    clearTimeout(timer.current);
    const wait = last.current.key !== key ? 0 : Math.max(0, 1000 - (Date.now() - last.current.at));
    timer.current = setTimeout(run, wait);
  }, [key, total, run]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return data;
}

/** `embedded`: shown inside another view (a deployment run), where the Logs view's dialogs (add source, export) are not. */
export function LogPane({ tab, filterInputRef, embedded = false }: { tab: LogTab; filterInputRef: RefObject<HTMLInputElement | null>; embedded?: boolean }) {
  const { updateLogTab, setLogsDialog, setLogColumns } = useAppStore.getState();
  const columns = useAppStore(logsSelectors.columns(tab));
  const maxLines = useAppStore((s) => s.settings.logs?.maxLines ?? 2_000_000);
  const { viewId } = tab;
  const { fetcher, version } = useFetcher(viewId);
  const filter = useMemo(() => tabFilter(tab), [tab]);
  const key = filterKey(filter);
  const [navError, setNavError] = useState<string>();
  const [columnsOpen, setColumnsOpen] = useState(false);

  // The filter without levels, for the histogram: the level chips show every level's count.
  const histogramFilter = useMemo(() => ({ ...filter, levels: [] }), [filter]);
  const histogram = useHistogram(viewId, histogramFilter, tab.total);
  const levelCounts = useMemo(() => {
    const sums = { error: 0, warn: 0, info: 0, debug: 0, trace: 0 };
    for (const bucket of histogram?.counts ?? []) {
      const l = bucketLevels(bucket);
      for (const chip of LEVEL_CHIPS) sums[chip] += l[chip];
    }
    return sums;
  }, [histogram]);

  useEffect(() => {
    fetcher.setFilter(JSON.parse(key) as LogFilter);
    const state = useAppStore.getState().logTabs.find((t) => t.viewId === viewId);
    if (state?.selectedIndex !== undefined) updateLogTab(viewId, { selectedIndex: undefined });
    if (state && !state.follow) listControllers.get(viewId)?.top();
  }, [fetcher, key, viewId, updateLogTab]);

  const grown = useRef({ total: tab.total, dropped: tab.dropped });
  useEffect(() => {
    const before = grown.current;
    if (before.total === tab.total && before.dropped === tab.dropped) return;
    grown.current = { total: tab.total, dropped: tab.dropped };
    fetcher.grew(tab.dropped !== before.dropped);
  }, [fetcher, tab.total, tab.dropped]);

  const setFilter = (model: FilterModel) => updateLogTab(viewId, { filter: model });

  const patterns = useMemo(() => {
    const out: RegExp[] = [];
    for (const chip of tab.filter.chips) if (chip.kind === 'text' && !chip.filter.exclude) out.push(...[compileMatcher(chip.filter)].filter((r): r is RegExp => !!r));
    if (tab.highlight.trim()) {
      const r = compileMatcher({ text: tab.highlight.trim(), regex: false, caseSensitive: false });
      if (r) out.push(r);
    }
    return out;
  }, [tab.filter.chips, tab.highlight]);

  const probeSeq = useCallback(
    (f: LogFilter) => async (offset: number) => {
      const w = await fetcher.probe({ filter: f, offset, limit: 1 });
      return w.lines[0]?.seq;
    },
    [fetcher],
  );

  /** Next/previous: the next line, or with a highlight term the next line containing it. */
  const navigate = useCallback(
    async (direction: 1 | -1) => {
      const state = useAppStore.getState().logTabs.find((t) => t.viewId === viewId);
      const list = listControllers.get(viewId);
      if (!state || !list) return;
      const matched = fetcher.matched ?? 0;
      const from = state.selectedIndex ?? (direction === 1 ? list.firstVisible() - 1 : list.firstVisible() + 1);
      const term = state.highlight.trim();
      setNavError(undefined);
      try {
        let index: number;
        if (!term) {
          index = Math.min(matched - 1, Math.max(0, from + direction));
        } else {
          const withTerm: LogFilter = { ...filter, text: [...filter.text, { text: term, regex: false, caseSensitive: false, exclude: false }] };
          const reference = state.selected?.seq ?? fetcher.line(Math.max(0, from))?.seq ?? (await probeSeq(filter)(Math.max(0, from)));
          const head = await fetcher.probe({ filter: withTerm, offset: 0, limit: 1 });
          if (head.matched === 0) {
            setNavError(`No line contains "${term}".`);
            return;
          }
          let at = reference === undefined ? (direction === 1 ? 0 : head.matched - 1) : await findBySeq(probeSeq(withTerm), head.matched, reference, direction);
          if (at < 0) {
            // Wrap around, as editors do.
            at = direction === 1 ? 0 : head.matched - 1;
            setNavError(direction === 1 ? 'Wrapped to the first match.' : 'Wrapped to the last match.');
          }
          const target = await fetcher.probe({ filter: withTerm, offset: at, limit: 1 });
          const seq = target.lines[0]?.seq;
          if (seq === undefined) return;
          index = await offsetOfSeq(probeSeq(filter), matched, seq);
        }
        if (index < 0 || index >= matched) return;
        list.reveal(index, 'auto');
        const line = fetcher.line(index) ?? (await fetcher.probe({ filter, offset: index, limit: 1 })).lines[0];
        updateLogTab(viewId, { selected: line, selectedIndex: index, follow: false });
      } catch (error) {
        setNavError(errorText(error));
      }
    },
    [fetcher, filter, probeSeq, updateLogTab, viewId],
  );

  useEffect(() => {
    navigators.set(viewId, navigate);
    return () => {
      navigators.delete(viewId);
    };
  }, [viewId, navigate]);

  /** A bucket's first line: the lines from its start on, counted back from the end. */
  const jumpTo = async (time: number) => {
    try {
      const after = await fetcher.probe({ filter: { ...filter, from: Math.max(time, filter.from ?? time) }, offset: 0, limit: 1 });
      const matched = fetcher.matched ?? after.matched;
      listControllers.get(viewId)?.reveal(Math.max(0, matched - after.matched), 'center');
      const line = after.lines[0];
      if (line) updateLogTab(viewId, { selected: line, selectedIndex: Math.max(0, matched - after.matched) });
    } catch (error) {
      setNavError(errorText(error));
    }
  };

  const allShown = tab.filter.levels.length === 0;
  return (
    <div className="logs-pane" data-view-id={viewId}>
      <FilterBar
        model={tab.filter}
        onChange={setFilter}
        filterError={fetcher.filterError}
        highlight={tab.highlight}
        onHighlight={(highlight) => updateLogTab(viewId, { highlight })}
        onNavigate={(d) => void navigate(d)}
        navError={navError}
        inputRef={filterInputRef}
      />
      <div className="logs-overview">
        <div className="logs-levels" role="group" aria-label="Levels">
          {LEVEL_CHIPS.map((level) => {
            const on = allShown || tab.filter.levels.includes(level);
            return (
              <button
                key={level}
                type="button"
                className={`logs-level-chip level-${level}${on ? ' on' : ''}`}
                aria-pressed={!allShown && on}
                data-testid={`logs-level-${level}`}
                data-count={levelCounts[level]}
                title={allShown ? `Show only ${level}` : on ? `Hide ${level}` : `Show ${level}`}
                onClick={() => setFilter(toggleLevel(tab.filter, level))}
              >
                {level} <span className="logs-count">{count(levelCounts[level])}</span>
              </button>
            );
          })}
        </div>
        <Histogram data={histogram} shown={tab.filter.levels} onJump={(t) => void jumpTo(t)} onRange={(from, to) => setFilter({ ...tab.filter, from, to })} />
      </div>
      <SourcesBar tab={tab} onToggle={(id, hide) => setFilter(toggleSource(tab.filter, id, hide))} />
      <div className="logs-body">
        <LogList tab={tab} fetcher={fetcher} version={version} columns={columns} patterns={patterns} />
        {tab.selected ? <DetailsPane line={tab.selected} patterns={patterns} onClose={() => updateLogTab(viewId, { selected: undefined, selectedIndex: undefined })} onField={(k, v) => setFilter({ ...tab.filter, chips: [...tab.filter.chips, { kind: 'field', key: k, value: v }] })} /> : null}
      </div>
      <footer className="logs-status">
        <button type="button" className={`logs-follow${tab.follow ? ' on' : ''}`} aria-pressed={tab.follow} data-testid="logs-follow" title="Follow new lines (End)" onClick={() => updateLogTab(viewId, { follow: !tab.follow })}>
          {tab.follow ? '● Following' : '❚❚ Paused'}
        </button>
        <span className="hint" data-testid="logs-counts">
          {fetcher.matched === undefined ? 'Loading…' : `${count(fetcher.matched)} of ${count(tab.total)} lines`}
        </span>
        {tab.dropped > 0 ? (
          <span className="chip logs-dropped" data-testid="logs-dropped" title="Lines kept per view: Settings → logs.maxLines">
            oldest {count(tab.dropped)} lines dropped (cap {count(maxLines)})
          </span>
        ) : null}
        {fetcher.error ? <span className="error-text">{fetcher.error}</span> : null}
        {tab.ended ? <span className="error-text">{tab.ended}</span> : null}
        <span className="toolbar-spacer" />
        <label className="logs-check">
          <input type="checkbox" checked={tab.showSource} data-testid="logs-toggle-source-column" onChange={() => updateLogTab(viewId, { showSource: !tab.showSource })} /> Source column
        </label>
        <div className="logs-columns">
          <button type="button" data-testid="logs-columns" aria-expanded={columnsOpen} disabled={tab.fields.length === 0 && columns.length === 0} onClick={() => setColumnsOpen(!columnsOpen)}>
            Columns{columns.length ? ` (${columns.length})` : ''}
          </button>
          {columnsOpen ? (
            <div className="logs-menu" role="menu" onMouseLeave={() => setColumnsOpen(false)}>
              {[...new Set([...columns, ...tab.fields])].map((field) => (
                <label key={field} className="logs-check" role="menuitemcheckbox" aria-checked={columns.includes(field)}>
                  <input type="checkbox" checked={columns.includes(field)} data-testid={`logs-column-${field}`} onChange={() => setLogColumns(viewId, columns.includes(field) ? columns.filter((c) => c !== field) : [...columns, field])} /> {field}
                </label>
              ))}
            </div>
          ) : null}
        </div>
        {embedded ? null : (
          <>
            <button type="button" data-testid="logs-add-source" onClick={() => setLogsDialog({ type: 'open', addTo: viewId })}>
              Add source…
            </button>
            <button type="button" data-testid="logs-export" onClick={() => setLogsDialog({ type: 'export', viewId })}>
              Export…
            </button>
          </>
        )}
      </footer>
    </div>
  );
}

/** Next/previous match of each view, for F3 and the view's keys. */
export const navigators = new Map<string, (direction: 1 | -1) => Promise<void>>();

const STATE_TEXT: Record<string, string> = { connecting: 'connecting', streaming: 'streaming', retrying: 'retrying', ended: 'ended', failed: 'failed' };

function SourcesBar({ tab, onToggle }: { tab: LogTab; onToggle(id: string, hide: boolean): void }) {
  return (
    <div className="logs-sources" role="toolbar" aria-label="Sources">
      {tab.sources.map((source) => {
        const shown = sourceShown(tab.filter, source.id);
        return (
          <button
            key={source.id}
            type="button"
            className={`logs-source-chip state-${source.state}${shown ? '' : ' hidden'}`}
            data-testid={`logs-source-${source.id}`}
            data-state={source.state}
            title={`${source.label}: ${STATE_TEXT[source.state]}${source.message ? ` — ${source.message}` : ''}\nClick: show only this source (again: all). Alt+click: hide it.`}
            onClick={(e) => onToggle(source.id, e.altKey || e.shiftKey)}
          >
            <span className="logs-source-dot" style={{ background: sourceColor(source.id) }} />
            <span className="logs-source-label">{source.label}</span>
            <span className={`logs-source-state state-${source.state}`}>{STATE_TEXT[source.state]}</span>
            {source.message ? <span className="logs-source-message">{source.message}</span> : null}
            <span className="logs-count">{count(source.lines)}</span>
          </button>
        );
      })}
    </div>
  );
}

function DetailsPane({ line, patterns, onClose, onField }: { line: LogLine; patterns: readonly RegExp[]; onClose(): void; onField(key: string, value: string): void }) {
  return (
    <aside className="logs-details" data-testid="logs-details" aria-label="Log entry">
      <header>
        <strong>{formatTime(line.time, true)}</strong>
        <span className={`logs-level level-${line.level === 'fatal' ? 'error' : line.level}`}>{line.level}</span>
        <span className="logs-source" style={{ color: sourceColor(line.source) }}>
          {line.source}
        </span>
        <span className="hint">{line.format}</span>
        <span className="toolbar-spacer" />
        <button type="button" className="icon-button" aria-label="Close entry" data-testid="logs-details-close" onClick={onClose}>
          ✕
        </button>
      </header>
      <pre className="logs-details-text">
        <Message text={line.text} patterns={patterns} />
        {line.extra?.map((extra, i) => (
          <span key={i}>
            {'\n'}
            <Message text={extra} patterns={patterns} />
          </span>
        ))}
      </pre>
      {line.fields && Object.keys(line.fields).length ? (
        <table className="logs-fields">
          <tbody>
            {Object.entries(line.fields).map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td>
                  <button type="button" className="link-button" title={`Filter: ${k}=${v}`} onClick={() => onField(k, v)}>
                    {v}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </aside>
  );
}
