// The targets' logs beside a run: one Logs view over every target's log (the
// recipe's logs: for hosts, a workload's pods), merged by time, with the Logs
// view's find, levels and sources. A live run opens it by itself; a past one
// on request (it opens a connection per host). It is a Logs-view tab too:
// "Open in Logs view" keeps it there once the run view goes. Each log is read
// from its last lines on (what led up to a failure matters); "Since the run
// began" narrows the view to the lines written after the run started.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../app/store';
import { LogPane } from '../logs';
import { missingSummary } from './model/run-logs';

export function RunLogsPane({ runId, running, startedAt }: { runId: string; running: boolean; startedAt: number }) {
  const logs = useAppStore((s) => (s.deployRunLogs?.runId === runId ? s.deployRunLogs : undefined));
  const tab = useAppStore((s) => (logs?.viewId ? s.logTabs.find((t) => t.viewId === logs.viewId) : undefined));
  const { openRunLogs, closeRunLogs, keepRunLogs, updateLogTab } = useAppStore.getState();
  const filterInputRef = useRef<HTMLInputElement | null>(null);

  // A live run shows its targets' logs at once; leaving the run closes them (unless kept in the Logs view).
  useEffect(() => {
    if (running) void openRunLogs(runId);
  }, [runId, running, openRunLogs]);
  useEffect(
    () => () => {
      const state = useAppStore.getState();
      if (!state.deployRunLogs?.kept) state.closeRunLogs();
    },
    [runId],
  );

  const missing = logs ? missingSummary(logs.missing) : '';
  const sinceRun = tab?.filter.from === startedAt;
  const toggleSinceRun = () => {
    if (tab) updateLogTab(tab.viewId, { filter: { ...tab.filter, from: sinceRun ? undefined : startedAt } });
  };
  return (
    <section className="deploy-logs" aria-label="Targets' logs" data-testid="deploy-logs" data-state={logs?.status ?? 'off'}>
      <header className="deploy-logs-header">
        <strong>Targets&apos; logs</strong>
        {logs?.status === 'ready' && tab ? <span className="hint">{logs.sources.length} source{logs.sources.length === 1 ? '' : 's'}</span> : null}
        {missing ? (
          <span className="deploy-warning-inline deploy-logs-missing" title={logs!.missing.map((m) => `${m.target}: ${m.reason}`).join('\n')} data-testid="deploy-logs-missing">
            {missing}
          </span>
        ) : null}
        <span className="deploy-spacer" />
        {tab ? (
          <button type="button" aria-pressed={sinceRun} data-testid="deploy-logs-since-run" onClick={toggleSinceRun} title="Only the lines written after the run started">
            Since the run began
          </button>
        ) : null}
        {tab ? (
          <button type="button" onClick={keepRunLogs} title="Open this view in the Logs view, where it stays">
            Open in Logs view
          </button>
        ) : null}
        {logs ? (
          <button type="button" onClick={closeRunLogs}>
            Hide
          </button>
        ) : (
          <button type="button" className="primary" data-testid="deploy-logs-show" onClick={() => void openRunLogs(runId)}>
            Show the targets&apos; logs
          </button>
        )}
      </header>
      {!logs ? <p className="hint deploy-logs-note">The targets&apos; logs as they are now: each host&apos;s log the recipe names, a workload&apos;s pods.</p> : null}
      {logs?.status === 'loading' ? <p className="hint deploy-logs-note">Finding the targets&apos; logs…</p> : null}
      {logs?.status === 'failed' ? (
        <p className="error-text deploy-logs-note" role="alert">
          The targets&apos; logs could not be opened: {logs.error}
        </p>
      ) : null}
      {logs?.status === 'ready' && !logs.viewId ? (
        <p className="hint deploy-logs-note">
          No target&apos;s logs are known. Say where they are in the recipe: <code>logs: {'{'} file: /var/log/app.log {'}'}</code> or <code>logs: {'{'} unit: app {'}'}</code>.
        </p>
      ) : null}
      {logs?.status === 'ready' && logs.viewId && !tab ? <p className="hint deploy-logs-note">This log view was closed in the Logs view.</p> : null}
      {tab ? (
        <div className="logs-view deploy-logs-view">
          <LogPane tab={tab} filterInputRef={filterInputRef} embedded />
        </div>
      ) : null}
    </section>
  );
}
