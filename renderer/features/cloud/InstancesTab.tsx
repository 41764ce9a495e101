// The Instances tab: filters, how each region's listing stands, the actions
// on the ticked instances, the live table and the details of one instance.
import { useEffect, useRef, useState } from 'react';
import { InstanceState } from '../../../shared/contract/cloud';
import { useAppStore } from '../../app/store';
import { CloudIcon, Spinner } from './CloudIcons';
import { DetailsPanel } from './DetailsPanel';
import { useNow } from './hooks';
import { InstanceTable } from './InstanceTable';
import { ACTION_VERBS } from './model/actions';
import { isFiltered, parseTagFilter } from './model/filter';
import { formatHours, runningSummary } from './model/summary';
import type { RegionView } from './store/initialState';
import { cloudSelectors } from './store/selectors';
import { visibleInstances } from './visible';

export function InstancesTab({ searchRef }: { searchRef: { current: HTMLInputElement | null } }) {
  const live = useAppStore((s) => s.cloudLive);
  const detailsId = useAppStore((s) => s.cloudDetailsId);
  const regions = useAppStore(cloudSelectors.regions);
  if (regions.length === 0) {
    return (
      <div className="cloud-center">
        <div className="cloud-panel">
          <h2>No region chosen</h2>
          <p>Pick one or more regions above to list their instances.</p>
        </div>
      </div>
    );
  }
  return (
    <div className="cloud-instances">
      <Toolbar searchRef={searchRef} />
      <RegionStrip />
      <ActionBar />
      <ActionErrors />
      {live?.ended ? (
        <div className="cloud-banner cloud-banner-error" role="alert" data-testid="cloud-stream-error">
          Stopped listing instances: {live.ended}
          <button type="button" className="link-button" onClick={() => useAppStore.getState().watchInstances()}>
            Try again
          </button>
        </div>
      ) : null}
      <div className="cloud-content">
        <div className="cloud-table-pane">
          <InstanceTable />
        </div>
        {detailsId ? <DetailsPanel id={detailsId} /> : null}
      </div>
      <StatusLine />
    </div>
  );
}

const STATES = InstanceState.options;

function Toolbar({ searchRef }: { searchRef: { current: HTMLInputElement | null } }) {
  const filter = useAppStore((s) => s.cloudFilter);
  const setCloudFilter = useAppStore((s) => s.setCloudFilter);
  const [search, setSearch] = useState(filter.search);
  const [tag, setTag] = useState(filter.tag);
  const tagError = parseTagFilter(tag).error;

  // A filter cleared elsewhere ("Clear filters") shows cleared here too.
  const sent = useRef(filter);
  useEffect(() => {
    if (filter.search !== sent.current.search) setSearch(filter.search);
    if (filter.tag !== sent.current.tag) setTag(filter.tag);
    sent.current = filter;
  }, [filter]);

  // Typing is instant in the box; the table filters a beat later.
  useEffect(() => {
    if (search === sent.current.search) return;
    const timer = setTimeout(() => setCloudFilter({ search }), 100);
    return () => clearTimeout(timer);
  }, [search, setCloudFilter]);
  useEffect(() => {
    if (tag === sent.current.tag || parseTagFilter(tag).error) return;
    const timer = setTimeout(() => setCloudFilter({ tag }), 200);
    return () => clearTimeout(timer);
  }, [tag, setCloudFilter]);

  const toggleState = (state: InstanceState) => setCloudFilter({ states: filter.states.includes(state) ? filter.states.filter((s) => s !== state) : [...filter.states, state] });

  return (
    <div className="cloud-toolbar">
      <input
        ref={searchRef}
        type="search"
        className="cloud-search"
        data-testid="cloud-search"
        aria-label="Search instances"
        placeholder="Search name, id, IP…  ( / )"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && search) {
            e.stopPropagation();
            setSearch('');
            setCloudFilter({ search: '' });
          }
        }}
      />
      <div className="cloud-chips" role="group" aria-label="States shown">
        {STATES.map((state) => (
          <button key={state} type="button" className={`cloud-chip state-${state}`} aria-pressed={filter.states.includes(state)} data-testid={`cloud-state-chip-${state}`} onClick={() => toggleState(state)}>
            {state}
          </button>
        ))}
      </div>
      <div className="cloud-tag-filter">
        <input
          type="text"
          data-testid="cloud-tag-filter"
          aria-label="Tag filter"
          aria-invalid={tagError ? true : undefined}
          placeholder="Tags: env=prod, team"
          spellCheck={false}
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && tag) {
              e.stopPropagation();
              setTag('');
              setCloudFilter({ tag: '' });
            }
          }}
        />
        {tagError ? (
          <span className="cloud-field-error" role="alert">
            {tagError}
          </span>
        ) : null}
      </div>
      <span className="toolbar-spacer" />
      <RefreshControl />
    </div>
  );
}

function RefreshControl() {
  const live = useAppStore((s) => s.cloudLive);
  const now = useNow(1000);
  const listing = !!live && Object.values(live.regions).some((r) => r.listing);
  const left = live?.nextAt !== undefined ? Math.max(0, Math.ceil((live.nextAt - now) / 1000)) : undefined;
  return (
    <div className="cloud-refresh">
      <span className="hint" data-testid="cloud-next-refresh" role="status">
        {listing ? 'Listing…' : left !== undefined ? `Next refresh in ${left} s` : ''}
      </span>
      <button type="button" data-testid="cloud-refresh" title="List the instances again now" onClick={() => useAppStore.getState().watchInstances()}>
        {listing ? <Spinner /> : <CloudIcon name="refresh" size={13} />} Refresh
      </button>
    </div>
  );
}

function RegionStrip() {
  const live = useAppStore((s) => s.cloudLive);
  if (!live) return null;
  const entries = Object.entries(live.regions);
  const errors = entries.filter(([, v]) => v.error);
  return (
    <div className="cloud-regions">
      <div className="cloud-region-states">
        {entries.map(([region, view]) => (
          <RegionState key={region} region={region} view={view} />
        ))}
      </div>
      {errors.map(([region, view]) => (
        <div key={region} className="cloud-region-error" role="alert" data-testid={`cloud-region-error-${region}`} data-code={view.error!.code}>
          <CloudIcon name="alert" size={13} />
          <span>
            <strong>{region}</strong>: <code>{view.error!.code}</code> — {view.error!.message}
            {view.fetchedAt !== undefined ? <span className="hint"> (showing the list from {new Date(view.fetchedAt).toLocaleTimeString()})</span> : null}
          </span>
        </div>
      ))}
    </div>
  );
}

function RegionState({ region, view }: { region: string; view: RegionView }) {
  const state = view.error ? 'error' : view.fetchedAt === undefined ? 'listing' : 'ok';
  const title = view.error ? `${view.error.code}: ${view.error.message}` : view.fetchedAt !== undefined ? `listed at ${new Date(view.fetchedAt).toLocaleTimeString()}` : 'listing…';
  return (
    <span className={`cloud-region-state state-${state}`} data-testid={`cloud-region-state-${region}`} data-state={state} title={title}>
      {view.listing ? <Spinner /> : <span className="cloud-dot" />}
      {region}
      {view.fetchedAt !== undefined ? <span className="cloud-region-count">{view.instances.length}</span> : null}
    </span>
  );
}

function ActionBar() {
  const selected = useAppStore(cloudSelectors.selected);
  const canStart = useAppStore(cloudSelectors.canAct('start'));
  const canStop = useAppStore(cloudSelectors.canAct('stop'));
  const canReboot = useAppStore(cloudSelectors.canAct('reboot'));
  const canTerminate = useAppStore(cloudSelectors.canAct('terminate'));
  const { requestCloudAction, setCloudDialog, setCloudSelection } = useAppStore.getState();
  const none = selected.length === 0;
  return (
    <div className="cloud-actionbar" role="toolbar" aria-label="Actions on the selected instances">
      <span className="cloud-selected-count" data-testid="cloud-selected-count">
        {none ? 'Tick instances to act on them' : `${selected.length} selected`}
      </span>
      <button type="button" data-testid="cloud-start" disabled={!canStart} onClick={() => requestCloudAction('start')}>
        {ACTION_VERBS.start.label}
      </button>
      <button type="button" data-testid="cloud-stop" disabled={!canStop} onClick={() => requestCloudAction('stop')}>
        {ACTION_VERBS.stop.label}
      </button>
      <button type="button" data-testid="cloud-reboot" disabled={!canReboot} onClick={() => requestCloudAction('reboot')}>
        {ACTION_VERBS.reboot.label}…
      </button>
      <button type="button" className="cloud-danger" data-testid="cloud-terminate" disabled={!canTerminate} title={selected.length > 1 ? 'Terminate one instance at a time' : undefined} onClick={() => requestCloudAction('terminate')}>
        {ACTION_VERBS.terminate.label}…
      </button>
      <span className="cloud-bar-sep" />
      <button type="button" data-testid="cloud-import" disabled={none} onClick={() => setCloudDialog({ type: 'import', ids: selected.map((i) => i.id), openAfter: false })}>
        Add to fleet…
      </button>
      {none ? null : (
        <button type="button" className="link-button" onClick={() => setCloudSelection({ ids: [], anchor: undefined })}>
          Clear selection
        </button>
      )}
    </div>
  );
}

function ActionErrors() {
  const errors = useAppStore((s) => s.cloudActionErrors);
  const dismiss = useAppStore((s) => s.dismissCloudErrors);
  if (errors.length === 0) return null;
  return (
    <div className="cloud-banner cloud-banner-error" role="alert" data-testid="cloud-error">
      <div className="cloud-banner-lines">
        {errors.map((e, i) => (
          <div key={i}>{e}</div>
        ))}
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
        <CloudIcon name="close" size={12} />
      </button>
    </div>
  );
}

function StatusLine() {
  const total = useAppStore((s) => cloudSelectors.instances(s).length);
  const shown = useAppStore((s) => visibleInstances(s).rows.length);
  const filtered = useAppStore((s) => isFiltered(s.cloudFilter));
  const all = useAppStore(cloudSelectors.instances);
  const now = useNow(60_000);
  const running = runningSummary(all, now);
  return (
    <div className="cloud-status" role="status">
      <span data-testid="cloud-count">
        {filtered ? `${shown} of ${total}` : total} instance{total === 1 ? '' : 's'}
      </span>
      <span className="toolbar-spacer" />
      <button type="button" className="link-button" title="What runs now, by type and uptime" onClick={() => useAppStore.getState().setCloudTab('schedules')}>
        {running.count} running · {formatHours(running.hours)} since their last start
      </button>
    </div>
  );
}
