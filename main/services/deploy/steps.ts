// One step on one target: what each kind does, how it fails, and what it
// says. A step ends ok or with a message a user can act on: for a gate, the
// HTTP status and the body's start, the exit code and the output's end, the
// log line that tripped it. Every wait listens to the run's signal, so a
// cancel "now" (or the step's timeout) stops it at once — remote commands
// are killed with their process group (see ssh/exec.ts).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Client, SFTPWrapper } from 'ssh2';
import type { LogSourceSpec } from '../../../shared/contract/logs';
import { EntryParser } from '../../../shared/logs/parse';
import { abortableSleep } from './concurrency';
import type { KubeService } from '../kube/service';
import type { RawLine, SourceSink } from '../logs/sources';
import type { SshService } from '../ssh';
import { execCommand } from '../ssh/exec';
import { applyManifest, setImage, undoRollout, waitForRollout, workloadPodsSpec, type SavedTemplates } from './kube-steps';
import { releaseScript, shellQuote } from './release';
import type { CommandCheck, ExecStep, HttpCheck, LogCheck, TargetPlan } from './types';

export type Output = (stream: 'stdout' | 'stderr' | 'info', data: string) => void;

export interface StepDeps {
  ssh: SshService;
  kube: KubeService;
  /** Start a Logs-service source (no backlog: only lines written from now on). */
  startLogSource(spec: LogSourceSpec, sink: SourceSink): { stop(): void };
  /** Ask the user (a confirmation gate); resolves with the answer. */
  confirm(targetId: string, message: string, signal: AbortSignal): Promise<boolean>;
}

export interface StepRun {
  deps: StepDeps;
  /** undefined for a run-level (`once`) local step. */
  target: TargetPlan | undefined;
  output: Output;
  signal: AbortSignal;
  saved: SavedTemplates;
}

export class StepFailure extends Error {}

const LEVEL_RANK = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5, unknown: -1 } as const;

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('cancelled');
}

function tail(text: string, n = 600): string {
  const t = text.trim();
  return t.length > n ? `…${t.slice(-n)}` : t;
}

function hostOf(run: StepRun): string {
  const host = run.target?.target.host;
  if (!host) throw new StepFailure('this step runs on a host, and the target is not one');
  return host.id;
}

/** A command over the target's pooled SSH connection; resolves with its exit code and output's end. */
async function remote(run: StepRun, command: string): Promise<{ exitCode: number | null; signalName: string | null; last: string }> {
  let last = '';
  const keep = (stream: 'stdout' | 'stderr', d: string) => {
    last = (last + d).slice(-4000);
    run.output(stream, d);
  };
  const result = await run.deps.ssh.withConnection(hostOf(run), undefined, (client) => execCommand(client, command, { onStdout: (d) => keep('stdout', d), onStderr: (d) => keep('stderr', d), signal: run.signal }));
  if (result.cancelled) throw abortError(run.signal);
  return { exitCode: result.exitCode, signalName: result.signalName, last };
}

async function remoteOk(run: StepRun, command: string): Promise<void> {
  const r = await remote(run, command);
  if (r.exitCode !== 0) throw new StepFailure(r.signalName ? `killed by SIG${r.signalName}` : `exit ${r.exitCode}${r.last.trim() ? `: ${tail(r.last, 300)}` : ''}`);
}

/** A command on this machine in its own process group (so cancel kills everything it started). */
function local(run: StepRun, command: string): Promise<{ exitCode: number | null; last: string }> {
  return new Promise((resolve, reject) => {
    if (run.signal.aborted) return reject(abortError(run.signal));
    const child = spawn('sh', ['-c', command], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let last = '';
    const keep = (stream: 'stdout' | 'stderr') => (d: Buffer) => {
      const s = d.toString('utf8');
      last = (last + s).slice(-4000);
      run.output(stream, s);
    };
    child.stdout.on('data', keep('stdout'));
    child.stderr.on('data', keep('stderr'));
    const onAbort = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
        setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 2000).unref();
      } catch {
        // already gone
      }
    };
    run.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => reject(new StepFailure(`could not start sh: ${e.message}`)));
    child.on('close', (code) => {
      run.signal.removeEventListener('abort', onAbort);
      if (run.signal.aborted) return reject(abortError(run.signal));
      resolve({ exitCode: code, last });
    });
  });
}

function sftpOf(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((e, sftp) => (e ? reject(e) : resolve(sftp))));
}

/** SFTP paths start in the login directory, as the shell's do; `~/x` is that too. */
function sftpPath(p: string): string {
  return p === '~' ? '.' : p.startsWith('~/') ? p.slice(2) : p;
}

async function writeRemote(run: StepRun, to: string, data: Buffer, mode: number | undefined): Promise<void> {
  const dir = to.includes('/') ? to.slice(0, to.lastIndexOf('/')) || '/' : '.';
  await remoteOk(run, `mkdir -p ${shellQuote(dir)}`);
  await run.deps.ssh.withConnection(hostOf(run), undefined, async (client) => {
    const sftp = await sftpOf(client);
    try {
      const temp = `${sftpPath(to)}.wb-upload`;
      await new Promise<void>((resolve, reject) => sftp.writeFile(temp, data, { mode: mode ?? 0o644 }, (e) => (e ? reject(e) : resolve())));
      // Rename over the old file (POSIX rename via the OpenSSH extension): readers see the old or the new, never half.
      await new Promise<void>((resolve, reject) => sftp.ext_openssh_rename(temp, sftpPath(to), (e) => (e ? reject(e) : resolve())));
    } finally {
      sftp.end();
    }
  });
  run.output('info', `wrote ${to} (${data.length} bytes)\n`);
}

// ---------------------------------------------------------------- gates

export async function httpGate(check: HttpCheck, run: StepRun): Promise<void> {
  const pattern = check.body !== undefined ? new RegExp(check.body) : undefined;
  let why = '';
  for (let attempt = 0; attempt <= check.retries; attempt++) {
    if (attempt > 0) await abortableSleep(check.intervalMs, run.signal);
    const started = performance.now();
    try {
      const response = await fetch(check.url, { method: check.method, signal: AbortSignal.any([run.signal, AbortSignal.timeout(check.timeoutMs)]), redirect: 'manual' });
      const body = check.method === 'HEAD' ? '' : await response.text();
      const ms = Math.round(performance.now() - started);
      const statusOk = check.status !== undefined ? response.status === check.status : response.status >= 200 && response.status < 300;
      const bodyOk = pattern ? pattern.test(body) : true;
      if (statusOk && bodyOk) {
        run.output('info', `${check.method} ${check.url} → ${response.status} in ${ms} ms\n`);
        return;
      }
      const excerpt = body.trim().slice(0, 300);
      why = !statusOk ? `${response.status} ${response.statusText}${excerpt ? `: ${excerpt}` : ''}` : `${response.status}, but the body does not match /${check.body}/: ${excerpt || '(empty)'}`;
    } catch (error) {
      if (run.signal.aborted) throw abortError(run.signal);
      const e = error as Error & { cause?: { code?: string; message?: string } };
      why = e.name === 'TimeoutError' ? `no answer within ${check.timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    }
    run.output('info', `${check.method} ${check.url} → ${why} (attempt ${attempt + 1} of ${check.retries + 1})\n`);
  }
  throw new StepFailure(`${check.method} ${check.url} → ${why} after ${check.retries + 1} attempt${check.retries ? 's' : ''}`);
}

export async function commandGate(check: CommandCheck, run: StepRun): Promise<void> {
  let why = '';
  for (let attempt = 0; attempt <= check.retries; attempt++) {
    if (attempt > 0) await abortableSleep(check.intervalMs, run.signal);
    const r = check.local ? await local(run, check.command) : await remote(run, check.command);
    if (r.exitCode === check.exitCode) return;
    why = `exit ${r.exitCode ?? 'by signal'} (expected ${check.exitCode})${r.last.trim() ? `: ${tail(r.last, 300)}` : ''}`;
  }
  throw new StepFailure(`${check.command} → ${why}`);
}

/** Watch the target's logs for `quietMs`: the first line at or above the level (and matching) fails the gate. */
export async function logGate(check: LogCheck, run: StepRun): Promise<void> {
  const target = run.target?.target;
  let spec: LogSourceSpec;
  if (target?.host) {
    // The gate's own file or unit, else where the recipe's logs: says this host's logs are.
    const file = check.file ?? (check.unit === undefined ? run.target?.logs?.file : undefined);
    const unit = check.unit ?? (check.file === undefined ? run.target?.logs?.unit : undefined);
    if (file) spec = { kind: 'ssh-file', hostId: target.host.id, path: file };
    else if (unit) spec = { kind: 'journald', hostId: target.host.id, unit };
    else throw new StepFailure("a log gate on a host needs `file` or `unit`, or the recipe's logs: section");
  } else if (target?.workload) {
    try {
      spec = await workloadPodsSpec(run.deps.kube, target.workload, run.target?.logs?.container, run.signal);
    } catch (error) {
      if (run.signal.aborted) throw error;
      throw new StepFailure(error instanceof Error ? error.message : String(error));
    }
  } else {
    throw new StepFailure('a log gate needs a host or workload target');
  }
  const threshold = LEVEL_RANK[check.level];
  const match = check.match ? new RegExp(check.match) : undefined;
  const parsers = new Map<string, EntryParser>();
  const where = spec.kind === 'ssh-file' ? `${spec.hostId}:${spec.path}` : spec.kind === 'journald' ? `${spec.hostId} journald${spec.unit ? ` (${spec.unit})` : ''}` : `pods ${spec.kind === 'pods' ? spec.labelSelector : ''}`;
  run.output('info', `watching ${where} for ${check.level}-level lines for ${Math.round(check.quietMs / 1000)} s\n`);
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal.removeEventListener('abort', onAbort);
      handle.stop();
      if (error) reject(error);
      else resolve();
    };
    const look = (sourceId: string, label: string, entries: ReturnType<EntryParser['push']>) => {
      for (const e of entries) {
        const rank = LEVEL_RANK[e.level];
        if (rank >= threshold && (!match || match.test(e.raw))) {
          finish(new StepFailure(`${e.level} line from ${label}: ${tail(e.raw, 400)}`));
          return;
        }
      }
      void sourceId;
    };
    const parser = (id: string) => {
      let p = parsers.get(id);
      if (!p) parsers.set(id, (p = new EntryParser()));
      return p;
    };
    const sink: SourceSink = {
      lines: (sourceId: string, label: string, lines: RawLine[]) => {
        const p = parser(sourceId);
        for (const line of lines) look(sourceId, label, p.push(line.text, line.time));
        look(sourceId, label, p.flush());
      },
      status: (_sourceId, label, status) => {
        if (status.state === 'failed') finish(new StepFailure(`cannot read the logs of ${label}: ${status.message ?? 'failed'}`));
      },
      idle: (sourceId) => look(sourceId, sourceId, parser(sourceId).flush()),
    };
    const onAbort = () => finish(abortError(run.signal));
    run.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => finish(), check.quietMs);
    const handle = run.deps.startLogSource(spec, sink);
    if (run.signal.aborted) onAbort();
  });
  run.output('info', `no ${check.level}-level line for ${Math.round(check.quietMs / 1000)} s\n`);
}

// ---------------------------------------------------------------- one step

export async function runStep(step: ExecStep, run: StepRun): Promise<void> {
  const target = run.target;
  const workload = target?.target.workload;
  const needWorkload = () => {
    if (!workload || !target) throw new StepFailure(`${step.kind} runs on a Kubernetes workload, and the target is not one`);
    return { w: workload, id: target.target.id };
  };
  switch (step.kind) {
    case 'run':
      return remoteOk(run, step.cwd ? `cd ${shellQuote(step.cwd)} && ${step.command}` : step.command);
    case 'local': {
      const r = await local(run, step.command);
      if (r.exitCode !== 0) throw new StepFailure(`exit ${r.exitCode}${r.last.trim() ? `: ${tail(r.last, 300)}` : ''}`);
      return;
    }
    case 'upload': {
      let data: Buffer;
      try {
        data = await readFile(step.from);
      } catch (error) {
        throw new StepFailure(`cannot read ${step.from}: ${(error as Error).message}`);
      }
      return writeRemote(run, step.to, data, step.mode);
    }
    case 'template':
      return writeRemote(run, step.to, Buffer.from(step.content, 'utf8'), step.mode);
    case 'release': {
      const layout = target?.release;
      if (!layout) throw new StepFailure('release steps need the recipe\'s `release:` section');
      return remoteOk(run, releaseScript(step.action, layout));
    }
    case 'apply': {
      const { w, id } = needWorkload();
      return applyManifest(run.deps.kube, id, w, step.manifest, run.saved, run.output, run.signal);
    }
    case 'setImage': {
      const { w, id } = needWorkload();
      return setImage(run.deps.kube, id, w, step.container, step.image, run.saved, run.output, run.signal);
    }
    case 'rollout': {
      const { w, id } = needWorkload();
      return step.action === 'wait' ? waitForRollout(run.deps.kube, w, run.output, run.signal) : undoRollout(run.deps.kube, id, w, run.saved, run.output, run.signal);
    }
    case 'gate': {
      const g = step.gate;
      if ('http' in g) return httpGate(g.http, run);
      if ('command' in g) return commandGate(g.command, run);
      if ('logs' in g) return logGate(g.logs, run);
      const approved = await run.deps.confirm(target?.target.id ?? '', g.confirm.message, run.signal);
      if (!approved) throw new StepFailure(`not confirmed: ${g.confirm.message}`);
      return;
    }
  }
}
