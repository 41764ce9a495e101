import { describe, expect, it } from 'vitest';
import type { DeployRun, Plan, PlanStep } from '../../../../shared/contract/deploy';
import { appendCapped, applyEvents, batchLabel, cellStatus, defaultCell, elapsedLabel, mergeOutput, outputKey, stepColumns, targetCounts, type RunView } from './run-state';

const step = (index: number, name: string): PlanStep => ({ index, name, kind: 'run', detail: `echo ${name}` });

function plan(): Plan {
  const targets = ['a', 'b', 'c', 'd'].map((id) => ({ id, kind: 'host' as const, label: id, steps: [step(0, 'upload'), step(1, 'switch'), step(2, 'health')], rollback: [step(0, 'switch back')] }));
  return {
    recipe: { name: 'web-release', file: '/r/web.yaml', hash: 'abc123def456' },
    params: { version: '2' },
    strategy: { batchSize: 3, maxFailures: 1, pauseMs: 0, concurrency: 3 },
    batches: [['a', 'b', 'c'], ['d']],
    targets,
    once: [],
    locks: [],
    missingSecrets: [],
    warnings: [],
  };
}

function view(): RunView {
  const run: DeployRun = {
    id: 'run1',
    plan: plan(),
    status: 'running',
    startedAt: 1000,
    batch: -1,
    targets: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, batch: i < 3 ? 0 : 1, status: 'pending' as const, steps: [] })),
  };
  return { run, outputs: {}, live: true };
}

describe('applyEvents', () => {
  it('follows batches, targets and steps, and leaves other targets untouched', () => {
    const start = view();
    const next = applyEvents(start, [
      { type: 'batch', batch: 0 },
      { type: 'target', target: 'a', status: 'running' },
      { type: 'step', target: 'a', step: { index: 0, phase: 'deploy', status: 'running', startedAt: 1100 } },
      { type: 'step', target: 'a', step: { index: 0, phase: 'deploy', status: 'ok', startedAt: 1100, endedAt: 1200 } },
      { type: 'step', target: 'a', step: { index: 2, phase: 'deploy', status: 'failed', message: 'HTTP 503: down' } },
    ]);
    expect(next.run.batch).toBe(0);
    const a = next.run.targets[0]!;
    expect(a.status).toBe('running');
    expect(a.steps).toEqual([
      { index: 0, phase: 'deploy', status: 'ok', startedAt: 1100, endedAt: 1200 },
      { index: 2, phase: 'deploy', status: 'failed', message: 'HTTP 503: down' },
    ]);
    expect(next.run.targets[1]).toBe(start.run.targets[1]);
    expect(start.run.batch).toBe(-1); // the old state is not mutated
  });

  it('appends output per target, phase and step, and marks info lines', () => {
    const next = applyEvents(view(), [
      { type: 'output', target: 'a', phase: 'deploy', index: 0, stream: 'stdout', data: 'one\n' },
      { type: 'output', target: 'a', phase: 'deploy', index: 0, stream: 'stderr', data: 'two\n' },
      { type: 'output', target: 'a', phase: 'rollback', index: 0, stream: 'info', data: 'switching back\n' },
    ]);
    expect(next.outputs[outputKey('a', 'deploy', 0)]).toBe('one\ntwo\n');
    expect(next.outputs[outputKey('a', 'rollback', 0)]).toBe('› switching back\n');
  });

  it('shows and clears a confirmation gate, and ends the run', () => {
    let v = applyEvents(view(), [{ type: 'confirm', confirm: { id: 'c1', target: 'a', message: 'Go on with batch 2?' } }]);
    expect(v.run.confirm?.id).toBe('c1');
    v = applyEvents(v, [{ type: 'confirm', confirm: null }]);
    expect(v.run.confirm).toBeUndefined();
    v = applyEvents({ ...v, run: { ...v.run, cancelling: 'now', confirm: { id: 'c2', target: 'b', message: '?' } } }, [{ type: 'finished', status: 'cancelled', finishedAt: 5000, message: 'cancelled by ana' }]);
    expect(v.run).toMatchObject({ status: 'cancelled', finishedAt: 5000, message: 'cancelled by ana' });
    expect(v.run.confirm).toBeUndefined();
    expect(v.run.cancelling).toBeUndefined();
  });

  it('replaces everything on a snapshot and returns the same object when nothing changed', () => {
    const v = view();
    expect(applyEvents(v, [])).toBe(v);
    const snap = { ...v.run, batch: 1, status: 'failed' as const };
    expect(applyEvents(v, [{ type: 'snapshot', run: snap }]).run).toBe(snap);
  });
});

describe('output', () => {
  it('keeps the tail of output over the cap, from a line start', () => {
    const text = appendCapped('', 'x'.repeat(50) + '\n' + 'y'.repeat(80), 100);
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text.startsWith('… earlier output cut …\n')).toBe(true);
    expect(text.endsWith('y'.repeat(20))).toBe(true);
  });

  it('joins fetched history and streamed output at their overlap', () => {
    expect(mergeOutput('line 1\nline 2\n', 'line 2\nline 3\n')).toBe('line 1\nline 2\nline 3\n');
    expect(mergeOutput('a\n', 'b\n')).toBe('a\nb\n');
    expect(mergeOutput('', 'b\n')).toBe('b\n');
    expect(mergeOutput('a\nb\n', 'b\n')).toBe('a\nb\n');
  });
});

describe('grid', () => {
  it('has the deploy steps, then the rollback steps, as columns', () => {
    const columns = stepColumns(view().run);
    expect(columns.map((c) => `${c.phase}:${c.name}`)).toEqual(['deploy:upload', 'deploy:switch', 'deploy:health', 'rollback:switch back']);
  });

  it('colours a cell by its step, and a rollback that never ran as none', () => {
    const v = applyEvents(view(), [{ type: 'step', target: 'a', step: { index: 1, phase: 'deploy', status: 'running' } }]);
    const [upload, sw, , back] = stepColumns(v.run);
    const a = v.run.targets[0];
    expect(cellStatus(a, upload!)).toBe('pending');
    expect(cellStatus(a, sw!)).toBe('running');
    expect(cellStatus(a, back!)).toBe('none');
    // Main may list rollback steps as pending from the start: still not applicable until something fails.
    const listed = applyEvents(v, [{ type: 'step', target: 'a', step: { index: 0, phase: 'rollback', status: 'pending' } }]);
    expect(cellStatus(listed.run.targets[0], back!)).toBe('none');
    const failed = applyEvents(listed, [{ type: 'step', target: 'a', step: { index: 2, phase: 'deploy', status: 'failed' } }]);
    expect(cellStatus(failed.run.targets[0], back!)).toBe('pending');
    const rolled = applyEvents(failed, [{ type: 'step', target: 'a', step: { index: 0, phase: 'rollback', status: 'ok' } }]);
    expect(cellStatus(rolled.run.targets[0], back!)).toBe('ok');
  });

  it('labels batches and counts targets', () => {
    const v = view();
    expect(batchLabel(v.run)).toBe('starting (2 batches)');
    expect(batchLabel({ ...v.run, batch: 1 })).toBe('batch 2/2');
    expect(batchLabel({ ...v.run, batch: 2, status: 'succeeded' })).toBe('2 batches');
    expect(targetCounts(v.run).pending).toBe(4);
    expect(elapsedLabel(0, 65_000)).toBe('1 min 05 s');
    expect(elapsedLabel(0, 9_999)).toBe('9 s');
  });
});

describe('defaultCell', () => {
  it('shows the first failure, else what runs now, else the last step that ran', () => {
    let v = applyEvents(view(), [
      { type: 'step', target: 'a', step: { index: 0, phase: 'deploy', status: 'ok', startedAt: 10 } },
      { type: 'step', target: 'b', step: { index: 0, phase: 'deploy', status: 'ok', startedAt: 20 } },
    ]);
    expect(defaultCell(v.run)).toEqual({ target: 'b', phase: 'deploy', index: 0 });
    v = applyEvents(v, [{ type: 'step', target: 'c', step: { index: 1, phase: 'deploy', status: 'running', startedAt: 30 } }]);
    expect(defaultCell(v.run)).toEqual({ target: 'c', phase: 'deploy', index: 1 });
    v = applyEvents(v, [{ type: 'step', target: 'b', step: { index: 2, phase: 'deploy', status: 'failed', startedAt: 25 } }]);
    expect(defaultCell(v.run)).toEqual({ target: 'b', phase: 'deploy', index: 2 });
    expect(defaultCell(view().run)).toBeUndefined();
  });
});
