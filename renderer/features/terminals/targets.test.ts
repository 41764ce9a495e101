import { describe, expect, it } from 'vitest';
import { OpenTerminalRequest } from '../../../shared/contract/terminals';
import { openRequest, targetTitle } from './targets';

const size = { cols: 80, rows: 24 };

describe('pane targets', () => {
  it('titles pod tabs after the pod and container', () => {
    expect(targetTitle({ kind: 'kube-exec', context: 'dev', namespace: 'shop', pod: 'web-abc', container: 'nginx' })).toBe('pod/web-abc:nginx');
    expect(targetTitle({ kind: 'kube-exec', context: 'dev', namespace: 'shop', pod: 'web-abc' })).toBe('pod/web-abc');
    expect(targetTitle({ kind: 'kube-logs', context: 'dev', namespace: 'shop', pod: 'web-abc' })).toBe('logs web-abc');
    expect(targetTitle({ kind: 'ssh', hostId: 'web-1' })).toBe('web-1');
    expect(targetTitle({ kind: 'local' })).toBe('shell');
  });

  it('opens exec and logs sessions with requests the contract accepts', () => {
    const exec = openRequest({ kind: 'kube-exec', context: 'dev', namespace: 'shop', pod: 'web-abc', container: 'nginx' }, size);
    expect(exec).toEqual({ kind: 'kube-exec', context: 'dev', namespace: 'shop', pod: 'web-abc', container: 'nginx', cols: 80, rows: 24 });
    expect(OpenTerminalRequest.safeParse(exec).success).toBe(true);
    const logs = openRequest({ kind: 'kube-logs', context: 'dev', namespace: 'shop', pod: 'web-abc' }, size);
    expect(logs).toEqual({ kind: 'kube-logs', context: 'dev', namespace: 'shop', pod: 'web-abc', cols: 80, rows: 24, tailLines: 1000, previous: false });
    expect(OpenTerminalRequest.safeParse(logs).success).toBe(true);
    expect(openRequest({ kind: 'local' }, size)).toEqual({ kind: 'local', cols: 80, rows: 24 });
  });
});
