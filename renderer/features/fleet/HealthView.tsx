// Live health of every host, as a table or a compact grid: reachability and
// round trip, uptime, load against cores, CPU, memory, the fullest disk, OS,
// last seen; sparklines of the last hour; thresholds colour the cells.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { HostHealth } from '../../../shared/contract/fleet';
import { useAppStore } from '../../app/store';
import { ago, clock, duration } from '../../ui/format';
import { Sparkline } from '../../ui/Sparkline';
import { HostMenu } from './HostMenu';
import { ThresholdsDialog } from './ThresholdsDialog';

type Column = { key: string; label: string; value(h: HostHealth | undefined): number | string | undefined };
const COLUMNS: Column[] = [
  { key: 'host', label: 'Host', value: () => undefined },
  { key: 'status', label: 'State', value: (h) => h?.status },
  { key: 'rtt', label: 'RTT', value: (h) => h?.rttMs },
  { key: 'uptime', label: 'Uptime', value: (h) => h?.uptimeS },
  { key: 'load', label: 'Load 1 / 5 / 15', value: (h) => (h?.load && h.cores ? h.load[0] / h.cores : undefined) },
  { key: 'cpu', label: 'CPU', value: (h) => h?.cpuPct },
  { key: 'mem', label: 'Memory', value: (h) => h?.memPct },
  { key: 'disk', label: 'Fullest disk', value: (h) => h?.disk?.usedPct },
  { key: 'os', label: 'OS · kernel', value: (h) => h?.release ?? h?.os },
  { key: 'seen', label: 'Last seen', value: (h) => h?.lastSeen },
];

const INTERVALS = [2, 5, 10, 30, 60, 300];

function level(h: HostHealth | undefined, metric: 'load' | 'cpu' | 'mem' | 'disk'): string {
  return h?.flags.find((f) => f.metric === metric)?.level ?? '';
}

function HealthTile({ hostId, health: h, onOpen }: { hostId: string; health: HostHealth | undefined; onOpen(x: number, y: number): void }) {
  return (
    <button type="button" className={`health-tile status-${h?.status ?? 'unknown'}`} data-host-id={hostId} onClick={(e) => onOpen(e.clientX, e.clientY)} title={h?.error ?? ''}>
      <span className="tile-name">{hostId}</span>
      <span className="tile-figures">
        {h?.status === 'unreachable' ? 'unreachable' : h?.cpuPct !== undefined ? `${h.cpuPct.toFixed(0)}% · ${h.memPct?.toFixed(0)}%` : (h?.status ?? '…')}
      </span>
    </button>
  );
}

export function HealthView() {
  const list = useAppStore((s) => s.hostList);
  const health = useAppStore((s) => s.health);
  const samples = useAppStore((s) => s.samples);
  const alerts = useAppStore((s) => s.alerts);
  const sweep = useAppStore((s) => s.sweep);
  const layout = useAppStore((s) => s.healthLayout);
  const sort = useAppStore((s) => s.healthSort);
  const filter = useAppStore((s) => s.hostFilter);
  const fleet = useAppStore((s) => s.settings.fleet);
  const { setHealthLayout, sortHealth, sweepNow, updateSettings, setHostFilter } = useAppStore.getState();
  const [menu, setMenu] = useState<{ hostId: string; x: number; y: number }>();
  const [thresholds, setThresholds] = useState(false);
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);

  const grouping = useAppStore((s) => s.hostGrouping);
  const rows = useMemo(() => {
    const hosts = (list?.hosts ?? []).filter((h) => !filter || [h.id, h.hostname, ...h.groups, ...h.tags].some((v) => v.toLowerCase().includes(filter.toLowerCase())));
    const column = COLUMNS.find((c) => c.key === sort.key)!;
    const sorted = hosts
      .map((h) => ({ host: h, health: health[h.id] }))
      .sort((a, b) => {
        if (sort.key === 'host') return a.host.id.localeCompare(b.host.id) * sort.dir;
        const va = column.value(a.health);
        const vb = column.value(b.health);
        if (va === vb) return a.host.id.localeCompare(b.host.id);
        if (va === undefined) return 1;
        if (vb === undefined) return -1;
        return (va < vb ? -1 : 1) * sort.dir;
      });
    if (grouping === 'none') return sorted.map((r) => ({ kind: 'host' as const, key: r.host.id, ...r }));
    // Grouped like the host list: a header per group (or tag), a host under each of its groups.
    const buckets = new Map<string, typeof sorted>();
    for (const r of sorted) {
      const keys = grouping === 'group' ? r.host.groups : r.host.tags;
      for (const key of keys.length ? keys : [grouping === 'group' ? '(no group)' : '(no tag)']) {
        if (!buckets.has(key)) buckets.set(key, []);
        buckets.get(key)!.push(r);
      }
    }
    return [...buckets.entries()]
      .sort(([a], [b]) => (a.startsWith('(') ? 1 : b.startsWith('(') ? -1 : a.localeCompare(b)))
      .flatMap(([name, members]) => [
        { kind: 'group' as const, key: `g:${name}`, name, members },
        ...members.map((r) => ({ kind: 'host' as const, key: `${name}/${r.host.id}`, ...r })),
      ]);
  }, [list, health, sort, filter, grouping]);
  const hostRows = rows.filter((r): r is Extract<(typeof rows)[number], { kind: 'host' }> => r.kind === 'host');

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => 34, overscan: 10 });

  return (
    <div className="health-view">
      <div className="view-toolbar health-toolbar">
        <input type="search" aria-label="Filter hosts" placeholder="Filter hosts…" value={filter} onChange={(e) => setHostFilter(e.target.value)} />
        <label className="toolbar-field">
          Group by
          <select aria-label="Group by" value={grouping} onChange={(e) => useAppStore.getState().setHostGrouping(e.target.value as typeof grouping)}>
            <option value="group">group</option>
            <option value="tag">tag</option>
            <option value="none">nothing</option>
          </select>
        </label>
        <div className="segmented" role="group" aria-label="Layout">
          <button type="button" aria-pressed={layout === 'table'} onClick={() => setHealthLayout('table')}>Table</button>
          <button type="button" aria-pressed={layout === 'grid'} onClick={() => setHealthLayout('grid')}>Grid</button>
        </div>
        <label className="toolbar-field">
          Every
          <select aria-label="Refresh interval" value={fleet.intervalS} onChange={(e) => void updateSettings({ fleet: { intervalS: Number(e.target.value) } })}>
            {[...new Set([...INTERVALS, fleet.intervalS])].sort((a, b) => a - b).map((s) => (
              <option key={s} value={s}>{s < 60 ? `${s} s` : `${s / 60} min`}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void updateSettings({ fleet: { paused: !fleet.paused } })}>{fleet.paused ? 'Resume' : 'Pause'}</button>
        <button type="button" onClick={() => void sweepNow()}>Probe now</button>
        <button type="button" onClick={() => setThresholds(true)}>Thresholds…</button>
        <span className="toolbar-spacer" />
        <span className="hint" role="status">
          {fleet.paused ? 'Paused. ' : ''}
          {sweep ? `Probed ${sweep.hosts} hosts in ${sweep.durationMs} ms, ${ago(sweep.at)}.` : 'Probing…'}
        </span>
      </div>
      {alerts.length ? (
        <div className="alerts" role="region" aria-label="Alerts">
          {alerts.map((a) => (
            <div key={`${a.hostId}:${a.kind}`} className={`alert alert-${a.level}`} data-host-id={a.hostId} data-kind={a.kind}>
              <strong>{a.hostId}</strong> {a.kind === 'unreachable' ? 'unreachable' : a.detail}
              {a.kind === 'unreachable' ? <span className="hint"> ({a.detail})</span> : null}
              <span className="hint"> since {clock(a.since)}</span>
            </div>
          ))}
        </div>
      ) : null}
      {layout === 'grid' ? (
        <div className="health-grid">
          {rows.map((row) =>
            row.kind === 'group' ? (
              <div key={row.key} className="grid-group" role="heading" aria-level={2}>
                {row.name} <span className="hint">{row.members.length}</span>
              </div>
            ) : (
              <HealthTile key={row.key} hostId={row.host.id} health={row.health} onOpen={(x, y) => setMenu({ hostId: row.host.id, x, y })} />
            ),
          )}
        </div>
      ) : (
        <div className="health-table" role="table" aria-label="Fleet health">
          <div className="health-row health-head" role="row">
            {COLUMNS.map((c) => (
              <button key={c.key} type="button" role="columnheader" className={`cell cell-${c.key}`} onClick={() => sortHealth(c.key)} aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                {c.label}
                {sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
              </button>
            ))}
          </div>
          <div className="health-body" ref={scrollRef} data-hosts={hostRows.length}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index]!;
                if (row.kind === 'group') {
                  const down = row.members.filter((m) => m.health?.status === 'unreachable').length;
                  return (
                    <div key={row.key} role="row" className="health-row health-group" style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
                      <span className="cell" role="cell"><strong>{row.name}</strong>&nbsp;<span className="hint">{row.members.length} host{row.members.length === 1 ? '' : 's'}{down ? `, ${down} unreachable` : ''}</span></span>
                    </div>
                  );
                }
                const { host, health: h } = row;
                const points = samples[host.id] ?? [];
                return (
                  <div key={row.key} role="row" className={`health-row status-${h?.status ?? 'unknown'}`} data-host-id={host.id} data-status={h?.status ?? 'unknown'} style={{ transform: `translateY(${item.start}px)`, height: item.size }} onClick={(e) => setMenu({ hostId: host.id, x: e.clientX, y: e.clientY })}>
                    <span className="cell cell-host" role="cell"><span className={`host-state state-${h?.status === 'unreachable' ? 'failed' : h ? 'connected' : 'closed'}`} />{host.id}</span>
                    <span className="cell cell-status" role="cell" title={h?.error}>{h?.status ?? '…'}</span>
                    <span className="cell cell-rtt" role="cell">{h?.rttMs !== undefined && h.status !== 'unreachable' ? `${h.rttMs.toFixed(0)} ms` : ''}</span>
                    <span className="cell cell-uptime" role="cell">{h?.uptimeS !== undefined ? duration(h.uptimeS) : ''}</span>
                    <span className={`cell cell-load ${level(h, 'load')}`} role="cell">
                      {h?.load ? `${h.load.map((l) => l.toFixed(2)).join(' ')} / ${h.cores}` : ''}
                      <Sparkline values={points.map((p) => p.load)} max={2} label={`load of ${host.id}, last hour`} />
                    </span>
                    <span className={`cell cell-cpu ${level(h, 'cpu')}`} role="cell" data-value={h?.cpuPct?.toFixed(1)}>
                      {h?.cpuPct !== undefined ? `${h.cpuPct.toFixed(0)}%` : ''}
                      <Sparkline values={points.map((p) => p.cpu)} max={100} label={`CPU of ${host.id}, last hour`} />
                    </span>
                    <span className={`cell cell-mem ${level(h, 'mem')}`} role="cell" data-value={h?.memPct?.toFixed(1)}>
                      {h?.memPct !== undefined ? `${h.memPct.toFixed(0)}%` : ''}
                      <Sparkline values={points.map((p) => p.mem)} max={100} label={`memory of ${host.id}, last hour`} />
                    </span>
                    <span className={`cell cell-disk ${level(h, 'disk')}`} role="cell">{h?.disk ? `${h.disk.usedPct}% ${h.disk.mount}` : ''}</span>
                    <span className="cell cell-os" role="cell" title={h?.kernel}>{h?.release || h?.os ? `${h.release || h.os} · ${h.kernel ?? ''}` : ''}</span>
                    <span className="cell cell-seen" role="cell">{h?.status === 'unreachable' ? ago(h.lastSeen) : h?.lastSeen ? ago(h.lastSeen) : ''}</span>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
      {menu ? <HostMenu {...menu} onClose={() => setMenu(undefined)} /> : null}
      {thresholds ? <ThresholdsDialog onClose={() => setThresholds(false)} /> : null}
    </div>
  );
}
