// A file on an SSH host, followed with `tail -F` over the pooled connection.
// Each run first reports the file's inode and the byte offset it starts at
// (the start of the last `tailLines` lines, worked out on the host), then
// streams `tail -c +<offset+1> -F`: so the source always knows the offset of
// the next byte in the current file. After a drop it resumes from that
// offset when the inode is unchanged, and starts over from the new file when
// it was rotated meanwhile; lines are never repeated.
import type { ExecResult } from '../../ssh/exec';
import { shellQuote, SourceEmitter, TextLines } from './emitter';
import { sourceId, sourceLabel } from './ids';
import type { LogSourceHandle, SourceDeps, SourceSink, SourceStatus } from './index';
import { RemoteFollower } from './remote';

const MARK = '@wb-start ';

/**
 * The remote script. `resume`: the inode and offset to continue from. The
 * window read to count the last lines is bounded, so a huge file costs a
 * bounded read; if a line is cut at the window's start, `skip` says so.
 */
export function tailScript(file: string, tailLines: number, resume?: { ino: string; offset: number }): string {
  const script = [
    `P=${shellQuote(file)}; N=${Math.max(0, Math.floor(tailLines))}; WANT=${shellQuote(resume?.ino ?? '')}; OFF=${resume?.offset ?? 0}`,
    'ino=$(stat -L -c %i -- "$P" 2>/dev/null); size=$(stat -L -c %s -- "$P" 2>/dev/null)',
    'skip=0',
    'if [ -n "$ino" ] && [ "$ino" = "$WANT" ] && [ "$size" -ge "$OFF" ]; then start=$OFF',
    'elif [ -n "$ino" ]; then',
    '  W=$((N * 1024)); [ "$W" -lt 1048576 ] && W=1048576; [ "$W" -gt "$size" ] && W=$size',
    '  if [ "$N" -eq 0 ] || [ "$W" -eq 0 ]; then start=$size',
    '  else t=$(tail -c +$((size - W + 1)) -- "$P" | head -c "$W" | tail -n "$N" | wc -c | tr -d " "); start=$((size - t)); fi',
    '  if [ "$start" -gt 0 ] && [ "$(tail -c +"$start" -- "$P" | head -c 1 | wc -l | tr -d " ")" -eq 0 ]; then skip=1; fi',
    'else ino=-; start=0; fi',
    `echo "${MARK}$ino $start $skip"`,
    'exec tail -c +$((start + 1)) -F -- "$P"',
  ].join('\n');
  return `sh -c ${shellQuote(script)}`;
}

export type TailNotice = { kind: 'denied' } | { kind: 'missing' } | { kind: 'new-file' } | { kind: 'truncated' } | { kind: 'other'; text: string };

/** GNU/busybox tail's stderr lines, by what they mean for the follower. */
export function classifyTailMessage(line: string): TailNotice {
  if (/permission denied/i.test(line)) return { kind: 'denied' };
  if (/has appeared|has been replaced|has become accessible|following new file/i.test(line)) return { kind: 'new-file' };
  if (/file truncated/i.test(line)) return { kind: 'truncated' };
  if (/no such file|has become inaccessible|cannot open/i.test(line)) return { kind: 'missing' };
  return { kind: 'other', text: line };
}

export function startSshFileSource(hostId: string, file: string, deps: SourceDeps, sink: SourceSink): LogSourceHandle {
  const id = sourceId.sshFile(hostId, file);
  const label = sourceLabel.sshFile(hostId, file);
  const emitter = new SourceEmitter(sink, id, label);
  const log = deps.log.child('ssh-file');
  const out = new TextLines();
  const err = new TextLines();
  let lastError = '';
  /** The current file's inode ('' unknown) and the offset of the next byte not yet taken as a complete line. */
  let ino = '';
  let offset = 0;
  let inodeKnown = false;
  let marker = '';
  let awaitingMarker = true;
  let skipFirst = false;
  let generation = 0;

  const refetchInode = () => {
    const asked = ++generation;
    inodeKnown = false;
    void follower.query(`stat -L -c %i -- ${shellQuote(file)}`).then((text) => {
      if (asked !== generation || !text) return;
      ino = text.trim();
      inodeKnown = !!ino;
    });
  };

  const take = (text: string) => {
    const before = out.pendingText;
    const lines = out.push(text);
    if (!lines.length) return;
    // Bytes of the lines completed now (CRs and all), counted on the text as it came.
    offset += Buffer.byteLength(before) + Buffer.byteLength(text) - Buffer.byteLength(out.pendingText);
    if (skipFirst) {
      skipFirst = false;
      lines.shift();
    }
    follower.healthy();
    emitter.lines(lines.map((line) => ({ text: line })));
  };

  const follower = new RemoteFollower(deps.ssh, hostId, emitter, log, {
    build: () => tailScript(file, deps.tailLines, inodeKnown ? { ino, offset } : undefined),
    started: () => {
      out.clear();
      err.clear();
      marker = '';
      awaitingMarker = true;
    },
    stdout: (text) => {
      if (awaitingMarker) {
        marker += text;
        const nl = marker.indexOf('\n');
        if (nl < 0) return;
        const [inode, start, skip] = marker.slice(MARK.length, nl).split(' ');
        text = marker.slice(nl + 1);
        marker = '';
        awaitingMarker = false;
        offset = Number(start) || 0;
        skipFirst = skip === '1';
        ino = inode && inode !== '-' ? inode : '';
        inodeKnown = !!ino;
        generation++;
      }
      take(text);
    },
    stderr: (text) => {
      for (const line of err.push(text)) {
        if (line.trim()) lastError = line.trim();
        const notice = classifyTailMessage(line);
        switch (notice.kind) {
          case 'denied':
            emitter.state({ state: 'failed', message: `permission denied: ${file}` });
            break;
          case 'missing':
            emitter.state({ state: 'retrying', message: `no such file: ${file} (waiting for it)` });
            break;
          case 'new-file':
          case 'truncated':
            // tail reads the new (or truncated) file from its start.
            out.clear();
            offset = 0;
            emitter.state({ state: 'streaming' });
            if (notice.kind === 'new-file') refetchInode();
            break;
          case 'other':
            log.debug('tail said', { host: hostId, file, text: notice.text });
        }
      }
    },
    exited: (result: ExecResult): SourceStatus | undefined => {
      const said = err.flush().join(' ').trim() || lastError;
      if (result.exitCode === 127) return { state: 'failed', message: `tail not found on ${hostId}` };
      return { state: 'failed', message: said || `tail ended (exit ${result.exitCode})` };
    },
  });
  follower.start();
  return { id, label, stop: () => follower.stop() };
}
