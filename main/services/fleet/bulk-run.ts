// One command on many hosts: a limited number at once, each host's output
// streamed live and kept up to a cap, exit codes and durations, a summary,
// and a cancel that really stops the remote processes. Every run goes into
// the history.
import type { FleetSettings, RunEvent } from '../../../shared/contract/fleet';
import type { Logger } from '../log';
import type { StreamSink } from '../rpc/types';
import type { SshService } from '../ssh';
import { execCommand } from '../ssh/exec';
import type { HostRunStatus, RunHistory } from '../store/history';

export interface BulkRunDeps {
  ssh: SshService;
  history: RunHistory | undefined;
  settings(): FleetSettings;
  log: Logger;
}

export async function runOnHosts(
  request: { command: string; hostIds: string[]; concurrency?: number | undefined },
  sink: StreamSink<RunEvent>,
  deps: BulkRunDeps,
): Promise<void> {
  const settings = deps.settings();
  const cap = settings.outputCapKb * 1024;
  const hostIds = [...new Set(request.hostIds)];
  const started = Date.now();
  const runId = deps.history?.start('command', request.command, hostIds, started) ?? 0;
  const counts: Record<HostRunStatus, number> = { ok: 0, failed: 0, unreachable: 0, cancelled: 0 };
  sink.emit({ type: 'started', runId, hostIds, outputCapKb: settings.outputCapKb });

  const runOne = async (hostId: string) => {
    const t0 = performance.now();
    let output = '';
    let truncated = false;
    let status: HostRunStatus;
    let exitCode: number | null = null;
    let signal: string | null = null;
    let error: string | null = null;
    const keep = (stream: 'stdout' | 'stderr', data: string) => {
      if (truncated) return;
      const room = cap - output.length;
      const piece = data.length > room ? data.slice(0, room) : data;
      output += piece;
      if (piece) sink.emit({ type: 'output', hostId, stream, data: piece }, piece.length);
      if (data.length > room) {
        truncated = true;
        sink.emit({ type: 'truncated', hostId });
      }
    };
    if (sink.signal.aborted) {
      status = 'cancelled';
    } else {
      sink.emit({ type: 'host-started', hostId });
      try {
        const result = await deps.ssh.withConnection(hostId, undefined, (client) =>
          execCommand(client, request.command, { onStdout: (d) => keep('stdout', d), onStderr: (d) => keep('stderr', d), signal: sink.signal }),
        );
        exitCode = result.exitCode;
        signal = result.signalName;
        status = result.cancelled ? 'cancelled' : result.exitCode === 0 ? 'ok' : 'failed';
      } catch (e) {
        status = sink.signal.aborted ? 'cancelled' : 'unreachable';
        error = (e as Error).message;
      }
    }
    const durationMs = performance.now() - t0;
    counts[status]++;
    deps.history?.recordHost(runId, { hostId, status, exitCode, signal, durationMs, output, truncated, error });
    sink.emit({ type: 'host-finished', hostId, status, exitCode, signal, durationMs, error });
  };

  let next = 0;
  const worker = async () => {
    while (next < hostIds.length) await runOne(hostIds[next++]!);
  };
  const concurrency = Math.max(1, Math.min(request.concurrency ?? settings.runConcurrency, hostIds.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  const status = sink.signal.aborted ? 'cancelled' : 'done';
  deps.history?.finish(runId, status);
  deps.log.info('bulk run finished', { runId, hosts: hostIds.length, ...counts });
  sink.emit({ type: 'finished', runId, status, counts, durationMs: Date.now() - started });
  sink.end();
}
