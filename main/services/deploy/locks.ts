// A lock per target, so two runs (from this machine or another) never deploy
// to the same host or workload at once. The lock lives with the target, where
// every machine sees it: a file on the host (Deployer's `.dep/deploy.lock`),
// an annotation on the workload. It names its run, machine and user; the
// holder refreshes it (a heartbeat) while the run goes on. A lock whose
// heartbeat stopped belongs to a run that died: it is reported as stale and
// broken only when the user says so (Deployer users' top complaint is a stale
// lock that silently blocks the next deploy — here it says whose it is).
//
// Host locks: created with the shell's noclobber (O_EXCL), so two machines
// racing cannot both win; "heartbeat" is the file's mtime, and age is computed
// on the host's own clock (`date` vs `stat`), so clock skew between the
// deploying machines does not matter. Workload locks: an annotation written
// with the object's resourceVersion (a 409 if someone else wrote first); the
// heartbeat is a time in the annotation (the deploying machine's clock).
import type { LockInfo } from '../../../shared/contract/deploy';
import { KubeApiError } from '../kube/errors';
import type { KubeService } from '../kube/service';
import type { SshService } from '../ssh';
import { execCommand } from '../ssh/exec';
import { shellQuote } from './release';
import type { WorkloadRef } from './types';

export interface LockHolder {
  runId: string;
  recipe: string;
  machine: string;
  user: string;
  since: number;
}

export type LockTarget = { id: string; kind: 'host'; hostId: string; path: string } | { id: string; kind: 'workload'; workload: WorkloadRef };

export type AcquireResult = { ok: true } | { ok: false; holder: LockInfo };

export const WORKLOAD_LOCK_ANNOTATION = 'devops-workbench.io/deploy-lock';
const LOCK_TIMEOUT_MS = 20_000;

export function workloadPath(w: WorkloadRef): string {
  const plural = `${w.kind}s`;
  return `/apis/apps/v1/namespaces/${encodeURIComponent(w.namespace)}/${plural}/${encodeURIComponent(w.name)}`;
}

/** The lock file for a host target: beside the releases when the recipe has them, else one per user. */
export function hostLockPath(releasePath: string | undefined): string {
  return releasePath ? `${releasePath.replace(/\/+$/, '')}/.dep/deploy.lock` : '~/.devops-workbench/deploy.lock';
}

function holderJson(holder: LockHolder): string {
  return JSON.stringify({ runId: holder.runId, recipe: holder.recipe, machine: holder.machine, user: holder.user, since: holder.since });
}

/** `"runId":"<id>"` as grep sees it in the lock file; run ids are [a-z0-9-], safe in a pattern. */
function runMark(runId: string): string {
  return shellQuote(`"runId":"${runId}"`);
}

function parseHolder(target: string, text: string, ageS: number, staleAfterMs: number, heartbeatAt: number): LockInfo {
  let parsed: Partial<LockHolder> = {};
  try {
    parsed = JSON.parse(text) as Partial<LockHolder>;
  } catch {
    // A lock someone wrote by hand (or another tool's): still a lock.
  }
  return {
    target,
    runId: String(parsed.runId ?? 'unknown'),
    recipe: String(parsed.recipe ?? 'unknown'),
    machine: String(parsed.machine ?? 'unknown'),
    user: String(parsed.user ?? 'unknown'),
    since: Number(parsed.since ?? heartbeatAt),
    heartbeatAt,
    stale: ageS * 1000 > staleAfterMs,
  };
}

export interface LocksDeps {
  ssh: SshService;
  kube: KubeService;
}

export class TargetLocks {
  constructor(private readonly deps: LocksDeps) {}

  private async hostScript(hostId: string, script: string): Promise<string> {
    const signal = AbortSignal.timeout(LOCK_TIMEOUT_MS);
    return this.deps.ssh.withConnection(hostId, undefined, async (client) => {
      let out = '';
      let err = '';
      const result = await execCommand(client, script, { onStdout: (d) => (out += d), onStderr: (d) => (err += d), signal });
      if (result.cancelled) throw new Error('the lock command timed out');
      if (result.exitCode !== 0) throw new Error(err.trim() || `the lock command exited ${result.exitCode}`);
      return out;
    });
  }

  async acquire(target: LockTarget, holder: LockHolder, staleAfterMs: number): Promise<AcquireResult> {
    if (target.kind === 'workload') return this.acquireWorkload(target, holder, staleAfterMs);
    const f = shellQuote(target.path);
    const out = await this.hostScript(
      target.hostId,
      `f=${f}; mkdir -p "$(dirname "$f")" || exit 3
if ( set -C; printf '%s\\n' ${shellQuote(holderJson(holder))} > "$f" ) 2>/dev/null; then echo ACQUIRED; exit 0; fi
if grep -q ${runMark(holder.runId)} "$f" 2>/dev/null; then touch "$f"; echo MINE; exit 0; fi
echo HELD; echo "$(date +%s) $(stat -c %Y "$f" 2>/dev/null || echo 0)"; cat "$f"`,
    );
    const [status, clock, ...rest] = out.split('\n');
    if (status === 'ACQUIRED' || status === 'MINE') return { ok: true };
    return { ok: false, holder: this.fromFile(target.id, clock ?? '', rest.join('\n'), staleAfterMs) };
  }

  private fromFile(target: string, clock: string, text: string, staleAfterMs: number): LockInfo {
    const [now, mtime] = clock.split(' ').map(Number);
    const ageS = Math.max(0, (now ?? 0) - (mtime ?? 0));
    return parseHolder(target, text.trim(), ageS, staleAfterMs, Date.now() - ageS * 1000);
  }

  /** Refresh the heartbeat; false when the lock is no longer this run's (broken by someone). */
  async heartbeat(target: LockTarget, runId: string): Promise<boolean> {
    if (target.kind === 'workload') {
      return this.updateWorkload(target.workload, (current) => {
        if (!current || current.runId !== runId) return { keep: false };
        return { keep: true, value: { ...current, heartbeatAt: Date.now() } };
      });
    }
    const out = await this.hostScript(target.hostId, `f=${shellQuote(target.path)}; if grep -q ${runMark(runId)} "$f" 2>/dev/null && touch "$f"; then echo OK; else echo LOST; fi`);
    return out.trim() === 'OK';
  }

  async release(target: LockTarget, runId: string): Promise<void> {
    if (target.kind === 'workload') {
      await this.updateWorkload(target.workload, (current) => (current && current.runId === runId ? { keep: true, value: null } : { keep: false }));
      return;
    }
    await this.hostScript(target.hostId, `f=${shellQuote(target.path)}; if grep -q ${runMark(runId)} "$f" 2>/dev/null; then rm -f "$f"; fi; echo RELEASED`);
  }

  async inspect(target: LockTarget, staleAfterMs: number): Promise<LockInfo | undefined> {
    if (target.kind === 'workload') {
      const current = await this.readWorkload(target.workload);
      return current ? this.workloadInfo(target.id, current, staleAfterMs) : undefined;
    }
    const out = await this.hostScript(target.hostId, `f=${shellQuote(target.path)}; if [ -f "$f" ]; then echo HELD; echo "$(date +%s) $(stat -c %Y "$f")"; cat "$f"; else echo NONE; fi`);
    const [status, clock, ...rest] = out.split('\n');
    if (status !== 'HELD') return undefined;
    return this.fromFile(target.id, clock ?? '', rest.join('\n'), staleAfterMs);
  }

  /** Break a lock whoever holds it: the user decided. */
  async break(target: LockTarget): Promise<boolean> {
    if (target.kind === 'workload') return this.updateWorkload(target.workload, (current) => (current ? { keep: true, value: null } : { keep: false }));
    const out = await this.hostScript(target.hostId, `f=${shellQuote(target.path)}; if [ -f "$f" ]; then rm -f "$f"; echo BROKEN; else echo NONE; fi`);
    return out.trim() === 'BROKEN';
  }

  // ------------------------------------------------------------ workloads

  private workloadInfo(target: string, current: LockHolder & { heartbeatAt?: number }, staleAfterMs: number): LockInfo {
    const heartbeatAt = current.heartbeatAt ?? current.since;
    return { target, runId: current.runId, recipe: current.recipe, machine: current.machine, user: current.user, since: current.since, heartbeatAt, stale: Date.now() - heartbeatAt > staleAfterMs };
  }

  private async readWorkload(w: WorkloadRef): Promise<(LockHolder & { heartbeatAt?: number }) | undefined> {
    const cluster = await this.deps.kube.connected(w.context);
    const obj = await cluster.client.json<{ metadata?: { annotations?: Record<string, string> } }>({ path: workloadPath(w), timeoutMs: LOCK_TIMEOUT_MS });
    const raw = obj.metadata?.annotations?.[WORKLOAD_LOCK_ANNOTATION];
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as LockHolder & { heartbeatAt?: number };
    } catch {
      return { runId: 'unknown', recipe: 'unknown', machine: 'unknown', user: 'unknown', since: 0 };
    }
  }

  private async acquireWorkload(target: Extract<LockTarget, { kind: 'workload' }>, holder: LockHolder, staleAfterMs: number): Promise<AcquireResult> {
    let refused: LockInfo | undefined;
    await this.updateWorkload(target.workload, (current) => {
      if (current && current.runId !== holder.runId) {
        refused = this.workloadInfo(target.id, current, staleAfterMs);
        return { keep: false };
      }
      return { keep: true, value: { ...holder, heartbeatAt: Date.now() } };
    });
    return refused ? { ok: false, holder: refused } : { ok: true };
  }

  /**
   * Read the workload, decide, write back with its resourceVersion: a
   * conflicting write (another machine's lock) makes the API server answer
   * 409, and the decision is made again on what it wrote.
   */
  private async updateWorkload(w: WorkloadRef, decide: (current: (LockHolder & { heartbeatAt?: number }) | undefined) => { keep: false } | { keep: true; value: (LockHolder & { heartbeatAt: number }) | null }): Promise<boolean> {
    const cluster = await this.deps.kube.connected(w.context);
    for (let attempt = 0; attempt < 5; attempt++) {
      const obj = await cluster.client.json<{ metadata: { annotations?: Record<string, string>; resourceVersion?: string } }>({ path: workloadPath(w), timeoutMs: LOCK_TIMEOUT_MS });
      const raw = obj.metadata.annotations?.[WORKLOAD_LOCK_ANNOTATION];
      let current: (LockHolder & { heartbeatAt?: number }) | undefined;
      try {
        current = raw ? (JSON.parse(raw) as LockHolder & { heartbeatAt?: number }) : undefined;
      } catch {
        current = { runId: 'unknown', recipe: 'unknown', machine: 'unknown', user: 'unknown', since: 0 };
      }
      const decision = decide(current);
      if (!decision.keep) return false;
      const annotations = { ...(obj.metadata.annotations ?? {}) };
      if (decision.value === null) delete annotations[WORKLOAD_LOCK_ANNOTATION];
      else annotations[WORKLOAD_LOCK_ANNOTATION] = JSON.stringify(decision.value);
      try {
        await cluster.client.json({ method: 'PUT', path: workloadPath(w), body: { ...obj, metadata: { ...obj.metadata, annotations } }, timeoutMs: LOCK_TIMEOUT_MS });
        return true;
      } catch (error) {
        if (!(error instanceof KubeApiError && error.status === 409)) throw error;
      }
    }
    throw new Error(`${w.kind}/${w.name}: the lock annotation kept changing under us (5 conflicts)`);
  }
}
