// What a pane's target turns into: the request that opens its session, and
// the tab title it has before the session names itself.
import type { OpenTerminalRequest } from '../../../shared/contract/terminals';
import type { PaneTarget } from './store/initialState';

/** `pod/web-abc:nginx` for a shell in a pod, `logs web-abc` for its logs, the host for SSH. */
export function targetTitle(target: PaneTarget): string {
  switch (target.kind) {
    case 'ssh':
      return target.hostId;
    case 'kube-exec':
      return `pod/${target.pod}${target.container ? `:${target.container}` : ''}`;
    case 'kube-logs':
      return `logs ${target.pod}${target.container ? `:${target.container}` : ''}`;
    default:
      return 'shell';
  }
}

/** The `terminals.open` request for a pane's target. */
export function openRequest(target: PaneTarget, size: { cols: number; rows: number }): OpenTerminalRequest {
  switch (target.kind) {
    case 'ssh':
      return { kind: 'ssh', hostId: target.hostId, ...size };
    case 'kube-exec':
    case 'kube-logs': {
      const pod = { context: target.context, namespace: target.namespace, pod: target.pod, ...(target.container ? { container: target.container } : {}) };
      return target.kind === 'kube-exec' ? { kind: 'kube-exec', ...pod, ...size } : { kind: 'kube-logs', ...pod, ...size, tailLines: 1000, previous: false };
    }
    default:
      return { kind: 'local', ...size };
  }
}
