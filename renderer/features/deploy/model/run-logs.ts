// The logs pane beside a run: which of a log view's sources are one target's.
// Source ids are main's (main/services/logs/sources/ids.ts): `ssh:<host>:<path>`,
// `journald:<host>[:<unit>]`, and per pod `pod:<namespace>/<pod>/<container>`.
import type { RunLogSources } from '../../../../shared/contract/deploy';
import { parseWorkloadId } from '../../../../shared/deploy/target-id';

export type TargetSource = RunLogSources['sources'][number];

/**
 * The ids among `sourceIds` that are `target`'s lines. A workload's pods are
 * told by name: every pod a deployment, stateful set or daemon set makes is
 * named `<workload>-…`. (Two workloads of one run named `web` and `web-api`
 * in one namespace would share `web-api`'s pods; runs rarely pair such names.)
 */
export function targetSourceIds(target: string, sources: readonly TargetSource[], sourceIds: readonly string[]): string[] {
  const specs = sources.filter((s) => s.target === target).map((s) => s.spec);
  if (specs.length === 0) return [];
  const workload = parseWorkloadId(target);
  return sourceIds.filter((id) =>
    specs.some((spec) => {
      switch (spec.kind) {
        case 'ssh-file':
          return id === `ssh:${spec.hostId}:${spec.path}`;
        case 'journald':
          return id === `journald:${spec.hostId}${spec.unit ? `:${spec.unit}` : ''}`;
        case 'pods':
          return !!workload && id.startsWith(`pod:${spec.namespace}/${workload.name}-`);
        default:
          return false;
      }
    }),
  );
}

/** "2 targets' logs are not known: web-3 (the recipe does not say…), …" — at most `max` named. */
export function missingSummary(missing: RunLogSources['missing'], max = 3): string {
  if (missing.length === 0) return '';
  const named = missing.slice(0, max).map((m) => `${m.target}: ${m.reason}`);
  const more = missing.length > max ? ` (and ${missing.length - max} more)` : '';
  return `${missing.length === 1 ? "1 target's logs are" : `${missing.length} targets' logs are`} not known — ${named.join('; ')}${more}`;
}
