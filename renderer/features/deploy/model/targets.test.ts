import { describe, expect, it } from 'vitest';
import { parseWorkloadId } from '../../../../shared/deploy/target-id';
import { lockHolder, logsPrefill, workloadTargetId } from './targets';

describe('target ids', () => {
  it('round-trips a workload id, with a context name holding slashes', () => {
    const id = workloadTargetId('arn:aws:eks/prod', 'shop', 'apps/deployments', 'web');
    expect(id).toBe('kube:arn:aws:eks/prod/shop/deployment/web');
    expect(parseWorkloadId(id!)).toEqual({ context: 'arn:aws:eks/prod', namespace: 'shop', kind: 'deployment', name: 'web' });
    expect(workloadTargetId('c', 'n', 'core/pods', 'p')).toBeUndefined();
    expect(parseWorkloadId('web-1')).toBeUndefined();
  });

  it('opens a host journal or a workload namespace in the Logs view', () => {
    expect(logsPrefill('web-1')).toEqual({ kind: 'journald', hostId: 'web-1' });
    expect(logsPrefill('kube:kind/shop/deployment/web')).toEqual({ kind: 'pods', context: 'kind', namespace: 'shop' });
  });

  it('names a lock holder', () => {
    expect(lockHolder({ target: 'web-1', runId: '3f2a9c01dead', recipe: 'web-release', machine: 'laptop', user: 'ana', since: 0, heartbeatAt: 0, stale: true })).toBe('run 3f2a9c01 (web-release) by ana@laptop');
  });
});
