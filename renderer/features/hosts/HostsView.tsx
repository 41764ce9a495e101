// Every host the user can reach, grouped by group or tag, filterable, with its
// live connection state. Virtualised: a fleet of thousands scrolls smoothly.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Host } from '../../../shared/contract/hosts';
import { useAppStore } from '../../app/store';
import { sshSelectors } from '../ssh/store/selectors';
import { HealthView } from '../fleet/HealthView';
import { RunsView } from '../fleet/RunsView';
import { HostEditor } from './HostEditor';
import { ImportDialog } from './ImportDialog';
import { hostsSelectors } from './store/selectors';

export function HostsView() {
  const tab = useAppStore((s) => s.hostsTab);
  const setTab = useAppStore((s) => s.setHostsTab);
  const alerts = useAppStore((s) => s.alerts);
  return (
    <section className="hosts-view" aria-label="Hosts">
      <nav className="view-tabs" role="tablist" aria-label="Hosts views">
        <button type="button" role="tab" aria-selected={tab === 'list'} onClick={() => setTab('list')}>Hosts</button>
        <button type="button" role="tab" aria-selected={tab === 'health'} onClick={() => setTab('health')}>
          Health{alerts.length ? <span className="tab-badge" aria-label={`${alerts.length} alerts`}>{alerts.length}</span> : null}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'runs'} onClick={() => setTab('runs')}>Runs</button>
      </nav>
      {tab === 'list' ? <HostList /> : tab === 'health' ? <HealthView /> : <RunsView />}
    </section>
  );
}

function HostList() {
  const list = useAppStore(hostsSelectors.hostList);
  const filter = useAppStore((s) => s.hostFilter);
  const grouping = useAppStore((s) => s.hostGrouping);
  const selected = useAppStore(hostsSelectors.selected);
  const loading = useAppStore((s) => s.hostsLoading);
  const error = useAppStore((s) => s.hostsError);
  const { loadHosts, setHostFilter, setHostGrouping, openHosts, setHostSelection } = useAppStore.getState();
  const [editing, setEditing] = useState<Host | 'new' | undefined>();
  const [importing, setImporting] = useState(false);
  const [showProblems, setShowProblems] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!useAppStore.getState().hostList) void loadHosts();
  }, [loadHosts]);

  const rows = useMemo(() => hostsSelectors.rows(list?.hosts ?? [], filter, grouping), [list, filter, grouping]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => 36, overscan: 12 });
  const problems = list?.problems ?? [];

  return (
    <>
      <header className="view-toolbar">
        <input type="search" aria-label="Filter hosts" placeholder="Filter by name, address, group, tag…" value={filter} onChange={(e) => setHostFilter(e.target.value)} />
        <label className="toolbar-field">
          Group by
          <select value={grouping} onChange={(e) => setHostGrouping(e.target.value as typeof grouping)}>
            <option value="group">group</option>
            <option value="tag">tag</option>
            <option value="none">nothing</option>
          </select>
        </label>
        <span className="toolbar-spacer" />
        {selected.length > 0 ? (
          <>
            <button type="button" className="primary" onClick={() => openHosts(selected, { broadcast: true })} title="One tab, a terminal per host, typing into all of them">
              Open {selected.length} with broadcast
            </button>
            <button type="button" onClick={() => useAppStore.getState().setHostsTab('runs')}>Run a command on {selected.length}…</button>
            <button type="button" onClick={() => setHostSelection([])}>Clear selection</button>
          </>
        ) : null}
        <button type="button" onClick={() => setEditing('new')}>Add host</button>
        <button type="button" onClick={() => setImporting(true)}>Import Ansible inventory…</button>
      </header>
      {problems.length ? (
        <div className="problems">
          <button type="button" className="problems-toggle" onClick={() => setShowProblems(!showProblems)} aria-expanded={showProblems}>
            {problems.length} problem{problems.length === 1 ? '' : 's'} in the host files {showProblems ? '▾' : '▸'}
          </button>
          {showProblems ? (
            <ul className="problem-list">
              {problems.map((p, i) => (
                <li key={i} className={`problem-${p.severity}`}>
                  <code>
                    {p.file}:{p.line}
                  </code>{' '}
                  {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error ? <div className="notice notice-error">Could not read the hosts: {error}</div> : null}
      <div className="host-list" ref={scrollRef} role="list" aria-busy={loading}>
        {list && list.hosts.length === 0 ? (
          <div className="empty-state">
            <p>No hosts yet.</p>
            <p className="hint">
              Hosts come from <code>~/.ssh/config</code> ({list.sshConfigFiles.join(', ')}) and from the workbench inventory ({list.inventoryFile}).
            </p>
            <button type="button" className="primary" onClick={() => setEditing('new')}>Add a host</button>
          </div>
        ) : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div key={row.key} className="host-row-slot" style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
                {row.kind === 'group' ? (
                  <GroupRow label={row.label} count={row.count ?? 0} hostIds={rows.slice(item.index + 1, item.index + 1 + (row.count ?? 0)).map((r) => r.host!.id)} />
                ) : (
                  <HostRow host={row.host!} onEdit={() => setEditing(row.host)} />
                )}
              </div>
            );
          })}
        </div>
      </div>
      {editing ? <HostEditor host={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} /> : null}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </>
  );
}

function GroupRow({ label, count, hostIds }: { label: string; count: number; hostIds: string[] }) {
  const openHosts = useAppStore((s) => s.openHosts);
  return (
    <div className="group-row" role="heading" aria-level={2}>
      <span className="group-name">{label}</span>
      <span className="hint">{count}</span>
      <button type="button" className="link-button" onClick={() => openHosts(hostIds, { broadcast: true })} title="A terminal on each host of this group, typing into all">
        Open all with broadcast
      </button>
    </div>
  );
}

function HostRow({ host, onEdit }: { host: Host; onEdit(): void }) {
  const state = useAppStore(sshSelectors.hostState(host.id));
  const selected = useAppStore((s) => s.selectedHostIds.includes(host.id));
  const { toggleHostSelected, newTab } = useAppStore.getState();
  const open = () => newTab({ kind: 'ssh', hostId: host.id });
  return (
    <div
      className={`host-row${selected ? ' selected' : ''}`}
      role="listitem"
      data-host-id={host.id}
      tabIndex={0}
      onDoubleClick={open}
      onKeyDown={(e) => {
        if (e.key === 'Enter') open();
        if (e.key === ' ') {
          e.preventDefault();
          toggleHostSelected(host.id);
        }
      }}
    >
      <input type="checkbox" aria-label={`Select ${host.id}`} checked={selected} onChange={() => toggleHostSelected(host.id)} />
      <span className={`host-state state-${state?.state ?? 'closed'}`} title={state ? `${state.state}${state.reason ? `: ${state.reason}` : ''}` : 'not connected'} />
      <span className="host-id">{host.id}</span>
      <span className="host-address">
        {host.user}@{host.hostname}
        {host.port === 22 ? '' : `:${host.port}`}
      </span>
      {host.proxyJump ? <span className="host-via">via {host.proxyJump}</span> : null}
      <span className="host-labels">
        {host.tags.map((t) => (
          <span key={t} className="chip">
            {t}
          </span>
        ))}
      </span>
      <span className="host-notes" title={host.notes}>
        {host.notes}
      </span>
      <span className="host-actions">
        <button type="button" onClick={open} aria-label={`Open a terminal on ${host.id}`}>
          Terminal
        </button>
        <button type="button" onClick={() => useAppStore.getState().openFiles(host.id)} aria-label={`Files on ${host.id}`}>
          Files
        </button>
        <button type="button" onClick={() => useAppStore.getState().openForwards(host.id)} aria-label={`Port forwards through ${host.id}`}>
          Forwards
        </button>
        <button
          type="button"
          data-testid="host-logs-file"
          title="Follow a log file on this host in the Logs view"
          onClick={() => {
            const s = useAppStore.getState();
            s.showView('logs');
            s.setLogsDialog({ type: 'open', prefill: { kind: 'ssh-file', hostId: host.id, path: '/var/log/syslog' } });
          }}
          aria-label={`Tail a file on ${host.id}`}
        >
          Tail a file…
        </button>
        <button type="button" data-testid="host-logs-journald" title="Follow journald on this host in the Logs view" onClick={() => void useAppStore.getState().openLogView([{ kind: 'journald', hostId: host.id }])} aria-label={`journald on ${host.id}`}>
          journald
        </button>
        <button type="button" data-testid="host-deploy" title="Run a deployment recipe on this host only" onClick={() => useAppStore.getState().deployTo(host.id)} aria-label={`Deploy to ${host.id}`}>
          Deploy…
        </button>
        <button type="button" onClick={onEdit} aria-label={`Edit ${host.id}`}>
          Edit
        </button>
      </span>
    </div>
  );
}
