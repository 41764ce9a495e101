// One command on many hosts: pick them (selection, group, tag), type a command
// or take a snippet, watch each host's output live with its exit code and
// time, cancel (the remote processes stop), rerun on the failed ones; every
// run stays in the history.
import { useEffect, useMemo, useState } from 'react';
import type { RunSummary } from '../../../shared/contract/fleet';
import { describeError, WorkbenchError } from '../../../shared/contract/errors';
import { renderSnippet } from '../../../shared/contract/snippets';
import { useAppStore } from '../../app/store';
import { api } from '../../transport/current';
import { clock } from '../../ui/format';
import type { HostRun, LiveRun } from './store/action';

type Target = { kind: 'selected' } | { kind: 'group'; name: string } | { kind: 'tag'; name: string } | { kind: 'all' };

export function RunsView() {
  const list = useAppStore((s) => s.hostList);
  const selected = useAppStore((s) => s.selectedHostIds);
  const run = useAppStore((s) => s.run);
  const history = useAppStore((s) => s.runHistory);
  const snippets = useAppStore((s) => s.snippets);
  const { startRun, cancelRun, loadSnippets } = useAppStore.getState();
  const [command, setCommand] = useState('');
  const [target, setTarget] = useState<Target>(selected.length ? { kind: 'selected' } : { kind: 'all' });
  const [viewing, setViewing] = useState<LiveRun>();
  const concurrency = useAppStore((s) => s.settings.fleet.runConcurrency);
  useEffect(() => void loadSnippets(), [loadSnippets]);

  const groups = useMemo(() => [...new Set((list?.hosts ?? []).flatMap((h) => h.groups))].sort(), [list]);
  const tags = useMemo(() => [...new Set((list?.hosts ?? []).flatMap((h) => h.tags))].sort(), [list]);
  const targets = useMemo(() => {
    const hosts = list?.hosts ?? [];
    switch (target.kind) {
      case 'selected':
        return selected;
      case 'group':
        return hosts.filter((h) => h.groups.includes(target.name)).map((h) => h.id);
      case 'tag':
        return hosts.filter((h) => h.tags.includes(target.name)).map((h) => h.id);
      case 'all':
        return hosts.map((h) => h.id);
    }
  }, [list, selected, target]);

  const shown = viewing ?? run;
  const running = run?.state === 'running';

  return (
    <div className="runs-view">
      <form
        className="run-form"
        aria-label="New run"
        onSubmit={(e) => {
          e.preventDefault();
          if (command.trim() && targets.length) {
            setViewing(undefined);
            startRun(command.trim(), targets);
          }
        }}
      >
        <div className="run-target">
          <label className="toolbar-field">
            On
            <select
              aria-label="Run on"
              value={target.kind === 'group' || target.kind === 'tag' ? `${target.kind}:${target.name}` : target.kind}
              onChange={(e) => {
                const [kind, name] = e.target.value.split(/:(.*)/);
                setTarget(kind === 'group' || kind === 'tag' ? { kind, name: name! } : { kind: kind as 'selected' | 'all' });
              }}
            >
              <option value="selected">the selected hosts ({selected.length})</option>
              <option value="all">all hosts ({list?.hosts.length ?? 0})</option>
              {groups.map((g) => <option key={`g${g}`} value={`group:${g}`}>group {g}</option>)}
              {tags.map((t) => <option key={`t${t}`} value={`tag:${t}`}>tag {t}</option>)}
            </select>
          </label>
          <span className="hint">{targets.length} host{targets.length === 1 ? '' : 's'}</span>
          <label className="toolbar-field">
            at most
            <input
              aria-label="Hosts at once"
              type="number"
              min={1}
              max={500}
              defaultValue={concurrency}
              key={concurrency}
              style={{ width: 60 }}
              onBlur={(e) => {
                const value = Number(e.target.value);
                if (Number.isInteger(value) && value >= 1 && value <= 500 && value !== concurrency) void useAppStore.getState().updateSettings({ fleet: { runConcurrency: value } });
                else e.target.value = String(concurrency);
              }}
            />
            at once
          </label>
          {snippets.length ? (
            <select aria-label="Use a snippet" value="" onChange={(e) => { const s = snippets.find((x) => x.id === e.target.value); if (s) setCommand(renderSnippet(s.command, {})); }}>
              <option value="">Use a snippet…</option>
              {snippets.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          ) : null}
        </div>
        <textarea aria-label="Command" rows={2} placeholder="uptime; df -h /" value={command} onChange={(e) => setCommand(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit(); }} />
        <div className="run-actions">
          <button type="submit" className="primary" disabled={running || !command.trim() || !targets.length}>Run on {targets.length}</button>
          {running ? <button type="button" className="danger" onClick={cancelRun}>Cancel</button> : null}
          {!running && run && !viewing ? (
            <button type="button" onClick={() => { const failed = Object.entries(run.hosts).filter(([, h]) => h.status === 'failed' || h.status === 'unreachable').map(([id]) => id); if (failed.length) startRun(run.command, failed); }} disabled={!Object.values(run.hosts).some((h) => h.status === 'failed' || h.status === 'unreachable')}>
              Rerun on the failed
            </button>
          ) : null}
          <span className="hint">Ctrl+Enter runs</span>
        </div>
      </form>
      <div className="runs-body">
        <div className="run-result">{shown ? <RunResult run={shown} historical={!!viewing} /> : <p className="hint">Run a command to see each host's output here.</p>}</div>
        <aside className="run-history" aria-label="Run history">
          <h3>History</h3>
          {history.length === 0 ? <p className="hint">No runs yet.</p> : null}
          {history.map((r) => <HistoryItem key={r.id} run={r} onOpen={setViewing} />)}
        </aside>
      </div>
    </div>
  );
}

function HistoryItem({ run, onOpen }: { run: RunSummary; onOpen(run: LiveRun): void }) {
  const open = async () => {
    try {
      const detail = await api().fleet.historyRun({ id: run.id });
      onOpen({
        runId: run.id,
        command: run.command,
        hostIds: run.hostIds,
        hosts: Object.fromEntries(detail.hosts.map((h) => [h.hostId, { status: h.status, output: h.output, truncated: h.truncated, exitCode: h.exitCode, signal: h.signal, durationMs: h.durationMs, error: h.error } satisfies HostRun])),
        state: run.status === 'running' ? 'running' : run.status === 'interrupted' ? 'failed' : run.status,
        startedAt: run.startedAt,
        durationMs: run.finishedAt ? run.finishedAt - run.startedAt : undefined,
        outputCapKb: 0,
        ...(run.status === 'interrupted' ? { error: 'the app exited during this run' } : {}),
      });
    } catch (error) {
      useAppStore.getState().pushToast(describeError(WorkbenchError.from(error).toData()));
    }
  };
  return (
    <button type="button" className="history-item" onClick={() => void open()} data-run-id={run.id}>
      <code>{run.command}</code>
      <span className="hint">
        {clock(run.startedAt)} · {run.hostIds.length} hosts · {run.counts.ok} ok{run.counts.failed ? `, ${run.counts.failed} failed` : ''}
        {run.counts.unreachable ? `, ${run.counts.unreachable} unreachable` : ''}
        {run.counts.cancelled ? `, ${run.counts.cancelled} cancelled` : ''} · {run.status}
      </span>
    </button>
  );
}

function RunResult({ run, historical }: { run: LiveRun; historical: boolean }) {
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const counts = { ok: 0, failed: 0, unreachable: 0, cancelled: 0, running: 0, queued: 0 };
  for (const h of Object.values(run.hosts)) counts[h.status]++;
  return (
    <div className="run" data-state={run.state} aria-label="Run result">
      <div className="run-summary" role="status">
        <code>{run.command}</code> — {historical ? 'from the history, ' : ''}
        {run.state === 'running' ? `running: ${counts.running} running, ${counts.queued} waiting, ` : `${run.state}: `}
        <span className="count-ok">{counts.ok} ok</span>, <span className="count-failed">{counts.failed} failed</span>, <span className="count-unreachable">{counts.unreachable} unreachable</span>
        {counts.cancelled ? `, ${counts.cancelled} cancelled` : ''}
        {run.durationMs !== undefined ? ` in ${(run.durationMs / 1000).toFixed(1)} s` : ''}
        {run.error ? <span className="error-text"> — {run.error}</span> : null}
      </div>
      <div className="run-hosts">
        {Object.entries(run.hosts).map(([id, h]) => (
          <div key={id} className={`run-host run-${h.status}`} data-host-id={id} data-status={h.status}>
            <button type="button" className="run-host-line" onClick={() => setOpen({ ...open, [id]: !open[id] })} aria-expanded={!!open[id]}>
              <span className={`run-badge badge-${h.status}`}>{h.status}</span>
              <span className="run-host-id">{id}</span>
              <span className="run-exit">{h.exitCode !== null ? `exit ${h.exitCode}` : h.signal ? `signal ${h.signal}` : ''}</span>
              <span className="run-time">{h.durationMs !== null ? `${(h.durationMs / 1000).toFixed(2)} s` : ''}</span>
              <span className="run-first-line">{h.error ?? h.output.split('\n').find((l) => l.trim()) ?? ''}</span>
            </button>
            {open[id] ? (
              <pre className="run-output" aria-label={`Output of ${id}`}>
                {h.output || (h.error ? '' : '(no output)')}
                {h.truncated ? `\n— output cut at ${run.outputCapKb || 'the'} KB (the command ran to its end) —` : ''}
              </pre>
            ) : null}
          </div>
        ))}
      </div>
    </div>
  );
}
