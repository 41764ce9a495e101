import { describe, expect, it } from 'vitest';
import { cellsFor, columnsFor, podStatus, projectionFor } from './columns';
import { planDrain } from './drain';

const pod = (status: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  metadata: { name: 'web-1', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z', ...((extra.metadata as object) ?? {}) },
  spec: { containers: [{ name: 'a' }, { name: 'b' }], nodeName: 'node-1', ...((extra.spec as object) ?? {}) },
  status,
});

describe('pod status, as kubectl prints it', () => {
  it('is the phase when nothing waits or failed', () => {
    expect(podStatus(pod({ phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }] }))).toBe('Running');
  });
  it('is a waiting container reason', () => {
    expect(podStatus(pod({ phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }, { ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }))).toBe(
      'CrashLoopBackOff',
    );
  });
  it('says Init:n/m while init containers run, and Terminating while deleting', () => {
    expect(podStatus(pod({ phase: 'Pending', initContainerStatuses: [{ state: { running: {} } }] }, { spec: { initContainers: [{ name: 'i' }] } }))).toBe('Init:0/1');
    expect(podStatus(pod({ phase: 'Running' }, { metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' } }))).toBe('Terminating');
  });
  it('projects ready, status, restarts, node and IP between name/namespace and age', () => {
    const columns = columnsFor({ group: '', version: 'v1', resource: 'pods' }, true);
    expect(columns.map((c) => c.id)).toEqual(['name', 'namespace', 'ready', 'status', 'restarts', 'node', 'ip', 'age']);
    const cells = cellsFor(projectionFor({ group: '', version: 'v1', resource: 'pods' }), pod({ phase: 'Running', podIP: '10.0.0.7', containerStatuses: [{ ready: true, restartCount: 2, state: { running: {} } }, { ready: false, restartCount: 1, state: { running: {} } }] }), true);
    expect(cells).toEqual(['web-1', 'default', '1/2', 'Running', 3, 'node-1', '10.0.0.7', Date.parse('2026-01-01T00:00:00Z')]);
  });
});

describe('drain plan', () => {
  const owned = (kind: string) => ({ ownerReferences: [{ kind, name: 'x', uid: 'u', controller: true }] });
  it('skips DaemonSet and mirror pods, refuses unmanaged and emptyDir pods unless allowed', () => {
    const pods = [
      pod({ phase: 'Running' }, { metadata: { name: 'rs-pod', ...owned('ReplicaSet') } }),
      pod({ phase: 'Running' }, { metadata: { name: 'ds-pod', ...owned('DaemonSet') } }),
      pod({ phase: 'Running' }, { metadata: { name: 'mirror', annotations: { 'kubernetes.io/config.mirror': 'x' } } }),
      pod({ phase: 'Running' }, { metadata: { name: 'bare' } }),
      pod({ phase: 'Running' }, { metadata: { name: 'scratch', ...owned('ReplicaSet') }, spec: { volumes: [{ name: 'tmp', emptyDir: {} }] } }),
    ].map((p, i) => ({ ...p, metadata: { ...p.metadata, name: (p.metadata as { name: string }).name ?? `p${i}` } }));
    const strict = planDrain(pods, { ignoreDaemonSets: true, deleteEmptyDirData: false, force: false });
    expect(strict.evict.map((p) => p.metadata.name)).toEqual(['rs-pod']);
    expect(strict.skipped.map((s) => s.name)).toEqual(['ds-pod', 'mirror']);
    expect(strict.refused).toHaveLength(2);
    const all = planDrain(pods, { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true });
    expect(all.evict.map((p) => p.metadata.name)).toEqual(['rs-pod', 'bare', 'scratch']);
    expect(planDrain(pods, { ignoreDaemonSets: false, deleteEmptyDirData: true, force: true }).refused[0]).toContain('DaemonSet');
  });
});
