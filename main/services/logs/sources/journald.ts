// journald on an SSH host: `journalctl -f -o json`, one JSON object per
// entry. Each becomes syslog-like text (`ident[pid]: message`) with the
// entry's own time; after a drop the follow resumes after the last cursor.
import type { ExecResult } from '../../ssh/exec';
import { shellQuote, SourceEmitter, TextLines } from './emitter';
import { sourceId, sourceLabel } from './ids';
import type { LogSourceHandle, RawLine, SourceDeps, SourceSink, SourceStatus } from './index';
import { RemoteFollower } from './remote';

const MISSING = 127;

export function journalctlCommand(tailLines: number, unit: string | undefined, afterCursor: string | undefined): string {
  const args = ['journalctl', '-f', '-o', 'json', '--no-pager'];
  if (afterCursor) args.push(`--after-cursor=${shellQuote(afterCursor)}`);
  else args.push('-n', String(Math.max(0, Math.floor(tailLines))));
  if (unit) args.push('-u', shellQuote(unit));
  return `sh -c ${shellQuote(`command -v journalctl >/dev/null 2>&1 || exit ${MISSING}; exec ${args.join(' ')}`)}`;
}

/** journald fields hold text, or an array of bytes when the value is not valid UTF-8 (or has control characters). */
function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((b) => typeof b === 'number')) return Buffer.from(value as number[]).toString('utf8');
  if (Array.isArray(value) && value.length) return fieldText(value[0]); // a field given several times: the first
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** One `journalctl -o json` line as log lines (a multi-line MESSAGE gives several), and its cursor. */
export function parseJournalEntry(json: string): { lines: RawLine[]; cursor?: string } | undefined {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!entry || typeof entry !== 'object') return undefined;
  const message = fieldText(entry.MESSAGE) ?? '';
  const ident = fieldText(entry.SYSLOG_IDENTIFIER) ?? fieldText(entry._COMM);
  const pid = fieldText(entry.SYSLOG_PID) ?? fieldText(entry._PID);
  const prefix = ident ? `${ident}${pid ? `[${pid}]` : ''}: ` : '';
  const micros = Number(fieldText(entry.__REALTIME_TIMESTAMP));
  const time = Number.isFinite(micros) && micros > 0 ? Math.floor(micros / 1000) : undefined;
  const parts = message.replace(/\r?\n$/, '').split(/\r?\n/);
  const lines = parts.map((text, i): RawLine => ({ text: i === 0 ? `${prefix}${text}` : text, ...(time !== undefined ? { time } : {}) }));
  const cursor = fieldText(entry.__CURSOR);
  return { lines, ...(cursor ? { cursor } : {}) };
}

export function startJournaldSource(hostId: string, unit: string | undefined, deps: SourceDeps, sink: SourceSink): LogSourceHandle {
  const id = sourceId.journald(hostId, unit);
  const label = sourceLabel.journald(hostId, unit);
  const emitter = new SourceEmitter(sink, id, label);
  const log = deps.log.child('journald');
  const out = new TextLines();
  const err = new TextLines();
  let lastError = '';
  let cursor: string | undefined;

  const follower = new RemoteFollower(deps.ssh, hostId, emitter, log, {
    build: () => journalctlCommand(deps.tailLines, unit, cursor),
    started: () => {
      out.clear();
      err.clear();
    },
    stdout: (text) => {
      const batch: RawLine[] = [];
      for (const line of out.push(text)) {
        if (!line.trim()) continue;
        const entry = parseJournalEntry(line);
        if (!entry) continue;
        if (entry.cursor) cursor = entry.cursor;
        for (const l of entry.lines) batch.push(l);
      }
      if (batch.length) {
        follower.healthy();
        emitter.lines(batch);
      }
    },
    stderr: (text) => {
      for (const line of err.push(text)) {
        if (!line.trim()) continue;
        lastError = line.trim();
        log.debug('journalctl said', { host: hostId, text: line });
      }
    },
    exited: (result: ExecResult): SourceStatus | undefined => {
      if (result.exitCode === MISSING) return { state: 'failed', message: `journalctl not found on ${hostId}` };
      const said = err.flush().join(' ').trim() || lastError;
      if (result.exitCode === 0) return { state: 'ended', ...(said ? { message: said } : {}) };
      return { state: 'failed', message: said || `journalctl ended (exit ${result.exitCode})` };
    },
  });
  follower.start();
  return { id, label, stop: () => follower.stop() };
}
