// Names for log sources and views, from what was asked for.
import type { LogSourceSpec } from '../../../../shared/contract/logs';

const base = (path: string) => path.replace(/\/+$/, '').split('/').pop() || path;

export function specLabel(spec: LogSourceSpec): string {
  switch (spec.kind) {
    case 'pod':
      return spec.container && spec.container !== '*' ? `${spec.pod}/${spec.container}` : spec.pod;
    case 'pods':
      return `${spec.namespace}: ${spec.labelSelector}`;
    case 'ssh-file':
      return `${spec.hostId}:${base(spec.path)}`;
    case 'journald':
      return `${spec.hostId} journald${spec.unit ? ` ${spec.unit}` : ''}`;
    case 'file':
      return base(spec.path);
  }
}

export function viewTitle(specs: readonly LogSourceSpec[]): string {
  if (specs.length === 0) return 'Logs';
  const first = specLabel(specs[0]!);
  return specs.length > 1 ? `${first} +${specs.length - 1}` : first;
}

/** The key field columns are saved under in settings (`logs.columns`): the sources' kind, or `mixed`. */
export function columnsKey(specs: readonly LogSourceSpec[]): string {
  const kinds = new Set(specs.map((s) => s.kind));
  return kinds.size === 1 ? [...kinds][0]! : 'mixed';
}

/** `app=web,tier=api` from a workload's `spec.selector.matchLabels`. */
export function selectorFromMatchLabels(labels: unknown): string | undefined {
  if (!labels || typeof labels !== 'object') return undefined;
  const parts = Object.entries(labels as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? parts.join(',') : undefined;
}
