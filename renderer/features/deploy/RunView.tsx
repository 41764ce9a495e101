// One run, live or from history: header, cancel, the confirmation banner, the
// batches strip, the target × step timeline and the output of the chosen step.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DeployRun, TargetState } from '../../../shared/contract/deploy';
import { useAppStore } from '../../app/store';
import { clock } from '../../ui/format';
import { rerunValues } from './model/params';
import { batchLabel, cellStatus, defaultCell, elapsedLabel, outputKey, stepColumns, stepOf, targetCounts, type CellRef, type RunView as RunViewState, type StepColumn } from './model/run-state';
import { logsPrefill } from './model/targets';
import { RunLogsPane } from './RunLogsPane';
import { StatusBadge } from './StatusBadge';
import { isWatching } from './store/action';
import { deploySelectors } from './store/selectors';

export function RunScreen({ runId }: { runId: string }) {
  const view = useAppStore(deploySelectors.runView);
  const error = useAppStore((s) => s.deployRunError);
  const { openRun, showDeploy } = useAppStore.getState();

  // Coming back to a run (the view was left, the window reopened): fetch it and follow it again if it still runs.
  useEffect(() => {
    const current = useAppStore.getState().deployRunView;
    if (!isWatching(runId) && (current?.run.id !== runId || current.run.status === 'running')) void openRun(runId);
  }, [runId, openRun]);

  if (!view || view.run.id !== runId) {
    return (
      <div className="deploy-screen">
        {error ? <p className="error-text" role="alert">{error}</p> : <p className="hint">Loading run {runId.slice(0, 8)}…</p>}
        <button type="button" onClick={() => showDeploy({ kind: 'history' })}>History</button>
      </div>
    );
  }
  return <RunView view={view} error={error} />;
}

function useNow(active: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}

function RunView({ view, error }: { view: RunViewState; error: string | undefined }) {
  const { run } = view;
  const running = run.status === 'running';
  const now = useNow(running);
  const columns = useMemo(() => stepColumns(run), [run]);
  const [picked, setPicked] = useState<CellRef>();
  const selected = picked ?? defaultCell(run);
  const counts = targetCounts(run);
  const { showDeploy } = useAppStore.getState();

  return (
    <div className="deploy-screen deploy-run" data-testid="deploy-run" data-status={run.status} aria-label={`Run of ${run.plan.recipe.name}`}>
      <header className="deploy-run-header">
        <button type="button" onClick={() => showDeploy({ kind: 'history' })}>‹ History</button>
        <h2>{run.plan.recipe.name}</h2>
        <code className="hint" title="recipe version">{run.plan.recipe.hash}</code>
        <StatusBadge status={run.status} />
        {run.cancelling && running ? <span className="deploy-warning-inline">cancelling {run.cancelling === 'now' ? 'now' : 'after the current step'}…</span> : null}
        <span className="hint" data-testid="deploy-elapsed">{elapsedLabel(run.startedAt, run.finishedAt ?? now)}</span>
        <span className="hint">{batchLabel(run)}</span>
        <span className="deploy-counts" role="status">
          {counts.ok} ok{counts.failed ? `, ${counts.failed} failed` : ''}{counts['rolled-back'] ? `, ${counts['rolled-back']} rolled back` : ''}
          {counts.cancelled ? `, ${counts.cancelled} cancelled` : ''}{counts.running ? `, ${counts.running} running` : ''}{counts.pending ? `, ${counts.pending} waiting` : ''}
        </span>
        <span className="deploy-spacer" />
        <span className="hint">
          started {clock(run.startedAt)}
          {run.finishedAt ? `, ended ${clock(run.finishedAt)}` : ''}
          {running && !view.live ? ' · not following' : ''}
        </span>
        {running && view.live ? <CancelMenu disabled={run.cancelling === 'now'} /> : null}
        {!running ? <RerunButton run={run} /> : null}
      </header>
      {error ? <p className="error-text" role="alert">{error}</p> : null}
      {run.message ? <p className={run.status === 'failed' || run.status === 'interrupted' ? 'deploy-run-message error' : 'deploy-run-message'} role="status">{run.message}</p> : null}
      {run.confirm ? <ConfirmBanner confirm={run.confirm} live={view.live} /> : null}
      <BatchesStrip run={run} />
      <div className="deploy-run-body">
        <div className="deploy-run-main">
          <TimelineGrid run={run} columns={columns} selected={selected} onSelect={setPicked} />
          <RunLogsPane runId={run.id} running={running} startedAt={run.startedAt} />
        </div>
        <OutputPane run={run} outputs={view.outputs} columns={columns} selected={selected} />
      </div>
    </div>
  );
}

function CancelMenu({ disabled }: { disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const { cancelDeploy } = useAppStore.getState();
  const choose = (mode: 'after-step' | 'now') => {
    setOpen(false);
    void cancelDeploy(mode);
  };
  return (
    <div className="deploy-menu-anchor">
      <button type="button" className="danger" disabled={disabled} aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Cancel ▾
      </button>
      {open ? (
        <div className="menu deploy-cancel-menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <button type="button" role="menuitem" onClick={() => choose('after-step')}>After the current step<div className="hint">steps running now finish; nothing new starts</div></button>
          <button type="button" role="menuitem" onClick={() => choose('now')}>Now<div className="hint">the remote processes are killed</div></button>
        </div>
      ) : null}
    </div>
  );
}

function RerunButton({ run }: { run: DeployRun }) {
  const recipe = useAppStore(deploySelectors.recipe(run.plan.recipe.file));
  const { showDeploy } = useAppStore.getState();
  return (
    <button
      type="button"
      disabled={!recipe}
      title={recipe ? (recipe.hash !== run.plan.recipe.hash ? `The recipe changed since (now ${recipe.hash})` : undefined) : 'The recipe is not in the recipes folders any more'}
      onClick={() => recipe && showDeploy({ kind: 'form', file: recipe.file, prefill: rerunValues(recipe.params, run.plan.params), rerunOf: run.id })}
    >
      Rerun with same parameters
    </button>
  );
}

function ConfirmBanner({ confirm, live }: { confirm: NonNullable<DeployRun['confirm']>; live: boolean }) {
  const { answerConfirm } = useAppStore.getState();
  return (
    <div className="deploy-confirm" role="alertdialog" aria-label="Confirmation needed" data-testid="deploy-confirm">
      <div>
        <strong>Waiting for you{confirm.target ? ` on ${confirm.target}` : ''}:</strong> {confirm.message}
      </div>
      <button type="button" className="primary" disabled={!live} onClick={() => void answerConfirm(true)}>Approve</button>
      <button type="button" className="danger" disabled={!live} onClick={() => void answerConfirm(false)}>Reject</button>
    </div>
  );
}

function batchState(run: DeployRun, index: number): string {
  const targets = run.targets.filter((t) => t.batch === index);
  if (targets.some((t) => t.status === 'failed' || t.status === 'rolled-back')) return 'failed';
  if (index === run.batch && run.status === 'running') return 'running';
  if (targets.length && targets.every((t) => t.status === 'ok')) return 'ok';
  if (targets.some((t) => t.status === 'cancelled' || t.status === 'skipped')) return 'cancelled';
  return 'pending';
}

function BatchesStrip({ run }: { run: DeployRun }) {
  return (
    <ol className="deploy-batches" aria-label="Batches">
      {run.plan.batches.map((batch, i) => {
        const state = batchState(run, i);
        return (
          <li key={i} className={`deploy-batch deploy-status-${state}`} data-state={state} title={batch.join(', ')}>
            Batch {i + 1} <span className="hint">· {batch.length}</span>
          </li>
        );
      })}
    </ol>
  );
}

function TimelineGrid({ run, columns, selected, onSelect }: { run: DeployRun; columns: StepColumn[]; selected: CellRef | undefined; onSelect(cell: CellRef): void }) {
  const labels = useMemo(() => new Map(run.plan.targets.map((t) => [t.id, t.label])), [run.plan.targets]);
  const firstRollback = columns.findIndex((c) => c.phase === 'rollback');
  return (
    <div className="deploy-grid-scroll">
      <table className="deploy-grid" data-testid="deploy-grid" aria-label="Targets and steps">
        <thead>
          <tr>
            <th className="deploy-grid-target">Target</th>
            {columns.map((c, i) => (
              <th key={`${c.phase}${c.index}`} className={`deploy-grid-step${i === firstRollback ? ' rollback-start' : ''}`} title={`${c.phase === 'rollback' ? 'rollback: ' : ''}${c.name} (${c.kind})`}>
                <span>{c.phase === 'rollback' ? '↶ ' : ''}{c.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {run.targets.map((target) => (
            <TargetRow key={target.id} target={target} label={labels.get(target.id) ?? target.id} columns={columns} firstRollback={firstRollback} selected={selected} onSelect={onSelect} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TargetRow(props: { target: TargetState; label: string; columns: StepColumn[]; firstRollback: number; selected: CellRef | undefined; onSelect(cell: CellRef): void }) {
  const { target, columns, selected } = props;
  const { setLogsDialog, showView, showTargetLogs } = useAppStore.getState();
  return (
    <tr data-target={target.id} data-status={target.status}>
      <th className="deploy-grid-target" scope="row" title={target.message ?? target.id}>
        <StatusBadge status={target.status} /> {props.label}
        <button
          type="button"
          className="deploy-link deploy-row-logs"
          title={`Only ${target.id}'s lines in the logs below (again: every target's); when its logs are not known, pick them in the Logs view`}
          onClick={() => {
            // Its lines in the pane below; a target whose logs the recipe does not name: pick them in the Logs view.
            if (showTargetLogs(target.id)) return;
            showView('logs');
            setLogsDialog({ type: 'open', prefill: logsPrefill(target.id) });
          }}
        >
          logs
        </button>
      </th>
      {columns.map((column, i) => {
        const status = cellStatus(target, column);
        const isSelected = selected?.target === target.id && selected.phase === column.phase && selected.index === column.index;
        return (
          <td key={`${column.phase}${column.index}`} className={i === props.firstRollback ? 'rollback-start' : undefined}>
            <button
              type="button"
              className={`deploy-cell deploy-status-${status}${isSelected ? ' selected' : ''}`}
              data-status={status}
              title={`${target.id} · ${column.phase === 'rollback' ? 'rollback: ' : ''}${column.name}: ${status}`}
              aria-label={`${target.id} ${column.name} ${status}`}
              aria-pressed={isSelected}
              onClick={() => props.onSelect({ target: target.id, phase: column.phase, index: column.index })}
            />
          </td>
        );
      })}
    </tr>
  );
}

function OutputPane({ run, outputs, columns, selected }: { run: DeployRun; outputs: Record<string, string>; columns: StepColumn[]; selected: CellRef | undefined }) {
  const pre = useRef<HTMLPreElement>(null);
  const stuck = useRef(true);
  const text = selected ? outputs[outputKey(selected.target, selected.phase, selected.index)] ?? '' : '';
  // Follow the end of the output unless the user scrolled up to read.
  useLayoutEffect(() => {
    const el = pre.current;
    if (el && stuck.current) el.scrollTop = el.scrollHeight;
  }, [text]);
  if (!selected) return <aside className="deploy-output"><p className="hint">Pick a cell to see that step's output.</p></aside>;
  const column = columns.find((c) => c.phase === selected.phase && c.index === selected.index);
  const step = stepOf(run.targets.find((t) => t.id === selected.target), selected.phase, selected.index);
  const detail = run.plan.targets.find((t) => t.id === selected.target)?.[selected.phase === 'deploy' ? 'steps' : 'rollback'].find((s) => s.index === selected.index)?.detail;
  return (
    <aside className="deploy-output" aria-label="Step output" data-testid="deploy-output">
      <header>
        <strong>{selected.target}</strong> · {selected.phase === 'rollback' ? 'rollback: ' : ''}{column?.name ?? `step ${selected.index + 1}`}
        {step ? <> <StatusBadge status={step.status} /></> : null}
        {step?.startedAt ? <span className="hint"> {elapsedLabel(step.startedAt, step.endedAt ?? Date.now())}</span> : null}
      </header>
      {detail ? <code className="deploy-step-detail deploy-output-detail">{detail}</code> : null}
      {step?.message ? (
        <div className={`deploy-step-message${step.status === 'failed' ? ' failed' : ''}`} role={step.status === 'failed' ? 'alert' : undefined} data-testid="deploy-step-message">
          {step.message}
        </div>
      ) : null}
      <pre
        ref={pre}
        className="deploy-output-text"
        onScroll={(e) => {
          const el = e.currentTarget;
          stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {text || (step && step.status !== 'pending' ? '(no output)' : '(not run yet)')}
      </pre>
    </aside>
  );
}
