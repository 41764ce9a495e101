// A file on this machine, followed as `tail -F` does: the last lines first,
// then what is appended, by byte offset (never a line twice). Rotation (the
// file renamed and a new one created) is seen by its inode changing: the old
// file is read to its end before the new one is read from its start.
// Truncation starts again from 0. A missing file is waited for. Changes are
// noticed through fs.watch on the directory, with a poll as a fallback.
import { watch, type FSWatcher } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../log';
import { SourceEmitter } from './emitter';
import { FileText } from './file-text';
import { fastScanner } from '../../../../shared/logs/fast/fast';
import { sourceId, sourceLabel } from './ids';
import type { LogSourceHandle, SourceDeps, SourceSink } from './index';

export const CHUNK_BYTES = 1024 * 1024;
/** Reads in flight while the tail's start is counted back. */
const TAIL_READS = 4;
/** A "line" with no newline this long is handed on as it is. */
const MAX_PENDING = 16 * CHUNK_BYTES;
/** Room before each read for the partial line carried over, so a chunk and its head need no concatenation. */
const CARRY_BYTES = 64 * 1024;
const POLL_MS = 500;
const MISSING_RETRY_MS = 2000;
const EMPTY = Buffer.alloc(0);

export function startFileSource(file: string, deps: Pick<SourceDeps, 'tailLines' | 'log'>, sink: SourceSink): LogSourceHandle {
  const id = sourceId.file(file);
  const label = sourceLabel.file(file);
  const follower = new FileFollower(path.resolve(file), deps.tailLines, new SourceEmitter(sink, id, label), deps.log.child('file'));
  follower.start();
  return { id, label, stop: () => follower.stop() };
}

/**
 * Where the last `lines` lines of the file start (a final line without
 * newline counts as one). Read back a chunk at a time, the next few reads
 * under way while one is counted; a chunk with fewer newlines than still wanted is
 * counted whole (in WebAssembly, where it can), and only the chunk where the
 * tail starts is walked line by line.
 */
export async function tailStart(handle: FileHandle, size: number, lines: number): Promise<number> {
  if (lines <= 0 || size === 0) return size;
  const length = Math.min(CHUNK_BYTES, size);
  const fast = fastScanner();
  // Several reads in flight: counting is quick, so reading (a copy out of the page cache, on libuv's threads) is what takes the time.
  const reads: Array<Promise<{ start: number; buffer: Buffer; block: Uint8Array }>> = [];
  // Reused: a fresh buffer per read costs more (the kernel maps its pages in) than the read.
  const free: Buffer[] = Array.from({ length: TAIL_READS }, () => Buffer.allocUnsafe(length));
  let readFrom = size;
  const more = () => {
    while (free.length && readFrom > 0) {
      const start = Math.max(0, readFrom - length);
      const buffer = free.pop()!;
      reads.push(handle.read(buffer, 0, readFrom - start, start).then(({ bytesRead }) => ({ start, buffer, block: buffer.subarray(0, bytesRead) })));
      readFrom = start;
    }
  };
  let count = 0;
  try {
    for (more(); reads.length; more()) {
      const { start, buffer, block } = await reads.shift()!;
      free.push(buffer);
      const bytesRead = block.length;
      // The file's final newline ends its last line; it does not start one.
      const final = start + bytesRead === size && bytesRead > 0 && block[bytesRead - 1] === 10 ? 1 : 0;
      const newlines = fast?.countNewlines(block);
      if (newlines !== undefined && count + newlines - final < lines) {
        count += newlines - final;
        continue;
      }
      // lastIndexOf, not a byte loop.
      for (let i = block.lastIndexOf(10, bytesRead - 1); i >= 0; i = i > 0 ? block.lastIndexOf(10, i - 1) : -1) {
        if (start + i === size - 1) continue;
        if (++count === lines) return start + i + 1;
      }
    }
  } finally {
    // Reads still under way fill buffers nobody reads; they end before the handle may be closed.
    await Promise.allSettled(reads);
  }
  return 0;
}

class FileFollower {
  private handle: FileHandle | undefined;
  /** The open file's chunks as offsets until copied in; it owns (and closes) the handle. */
  private fileText: FileText | undefined;
  private ino = -1;
  private dev = -1;
  /** Next byte to read. */
  private pos = 0;
  /** A partial last line, until its newline arrives. */
  private pending: Buffer = EMPTY;
  // Two buffers: the next read fills one while the other's lines are handed on.
  private readonly buffers = [Buffer.allocUnsafe(CARRY_BYTES + CHUNK_BYTES), Buffer.allocUnsafe(CARRY_BYTES + CHUNK_BYTES)] as const;
  private stopped = false;
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private watcher: FSWatcher | undefined;
  /** The first file found is tailed; files that appear later are read from their start. */
  private tailFirst = true;
  private misses = 0;

  constructor(
    private readonly file: string,
    private readonly tailLines: number,
    private readonly emitter: SourceEmitter,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.emitter.state({ state: 'connecting' });
    this.kick();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
    const fileText = this.fileText;
    this.handle = undefined;
    this.fileText = undefined;
    if (!this.running) fileText?.abandon();
    else this.closeAfterRun = fileText;
    this.emitter.stop();
  }

  private closeAfterRun: FileText | undefined;

  /** Run a check now, or right after the one under way. */
  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.check()
      .catch((error: unknown) => this.log.warn('log file check failed', { file: this.file, error: (error as Error).message }))
      .finally(() => {
        this.running = false;
        if (this.stopped) {
          this.closeAfterRun?.abandon();
          this.closeAfterRun = undefined;
          return;
        }
        if (this.again) {
          this.again = false;
          this.kick();
          return;
        }
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.kick(), this.handle ? POLL_MS : MISSING_RETRY_MS);
      });
  }

  private ensureWatch(): void {
    if (this.watcher || this.stopped) return;
    try {
      // The directory, not the file: a watch on the file follows its inode, and misses the new file of a rotation.
      const base = path.basename(this.file);
      this.watcher = watch(path.dirname(this.file), { persistent: false }, (_event, name) => {
        if (!name || name === base || String(name).startsWith(base)) this.kick();
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch {
      // No such directory yet, or no watch left: the poll still runs.
    }
  }

  private async check(): Promise<void> {
    this.ensureWatch();
    if (!this.handle) {
      await this.openFile();
      return;
    }
    await this.drain();
    let current;
    try {
      current = await stat(this.file);
    } catch {
      // Renamed away (a rotation under way) or deleted: keep the old file until a new one appears.
      return;
    }
    if (this.stopped || (current.ino === this.ino && current.dev === this.dev)) return;
    // Rotated: whatever was written to the old file before the switch is read first.
    await this.drain();
    if (this.stopped) return;
    this.flushPending();
    // The old file stays open until its chunks are copied in.
    this.fileText?.release();
    this.handle = undefined;
    this.fileText = undefined;
    await this.openFile();
  }

  private async openFile(): Promise<void> {
    let handle: FileHandle;
    try {
      handle = await open(this.file, 'r');
    } catch (error) {
      this.openFailed(error as NodeJS.ErrnoException);
      return;
    }
    if (this.stopped) {
      await handle.close();
      return;
    }
    try {
      const info = await handle.stat();
      if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      this.ino = info.ino;
      this.dev = info.dev;
      this.pos = this.tailFirst ? await tailStart(handle, info.size, this.tailLines) : 0;
    } catch (error) {
      await handle.close().catch(() => {});
      this.openFailed(error as NodeJS.ErrnoException);
      return;
    }
    if (this.stopped) {
      await handle.close();
      return;
    }
    this.tailFirst = false;
    this.misses = 0;
    this.pending = EMPTY;
    this.handle = handle;
    this.fileText = new FileText(handle, this.file, this.log);
    this.emitter.state({ state: 'streaming' });
    await this.drain();
  }

  private openFailed(error: NodeJS.ErrnoException): void {
    if (this.stopped) return;
    switch (error.code) {
      case 'ENOENT':
      case 'ENOTDIR':
        // It is new when it appears: read it whole then.
        this.tailFirst = false;
        this.emitter.state({ state: this.misses++ === 0 ? 'failed' : 'retrying', message: `no such file: ${this.file}` });
        return;
      case 'EACCES':
      case 'EPERM':
        this.emitter.state({ state: 'failed', message: `permission denied: ${this.file}` });
        return;
      case 'EISDIR':
        this.emitter.state({ state: 'failed', message: `is a directory: ${this.file}` });
        return;
      default:
        this.emitter.state({ state: 'failed', message: `${this.file}: ${error.message}` });
    }
  }

  /** Read from `pos` to the end of the open file (from 0 if it was truncated). */
  private async drain(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    const { size } = await handle.stat();
    if (size < this.pos) {
      // Truncated: what was not yet copied in is gone from the file.
      this.fileText?.truncated();
      this.pos = 0;
      this.pending = EMPTY;
    }
    let which = 0;
    let read = this.pos < size && !this.stopped ? this.readInto(handle, this.buffers[which]!, size) : undefined;
    while (read) {
      const { carry, bytesRead } = await read;
      read = undefined;
      if (bytesRead === 0 || this.stopped || this.handle !== handle) break;
      this.pos += bytesRead;
      // A partial line too long to carry in front of the read is joined here instead.
      const before = carry ? EMPTY : this.pending;
      const chunk = this.buffers[which]!.subarray(0, carry + bytesRead);
      const end = chunk.lastIndexOf(10);
      if (end < 0) {
        this.pending = Buffer.concat([before, chunk]);
        if (this.pending.length >= MAX_PENDING) this.flushPending();
      } else this.pending = end + 1 < chunk.length ? Buffer.from(chunk.subarray(end + 1)) : EMPTY;
      // The next read goes on while this chunk's lines are decoded and handed on.
      if (this.pos < size) {
        which ^= 1;
        read = this.readInto(handle, this.buffers[which]!, size);
      }
      if (end >= 0) {
        const head = before.length ? Buffer.concat([before, chunk.subarray(0, end + 1)]) : chunk.subarray(0, end + 1);
        // As bytes and where they are in the file (its first byte is `carry` bytes before the read): the scanner reads a
        // plain ASCII chunk from the bytes (synchronously, before this buffer is read into again) and keeps it as that
        // place in the file, not as a copy (file-text.ts); any other chunk it decodes.
        if (!before.length && this.fileText) this.emitter.text(this.fileText.chunk(this.pos - bytesRead - carry, head.length), head.length - 1, head);
        else {
          const text = head.toString('utf8');
          this.emitter.text(text, text.length - 1, head);
        }
      }
    }
    void this.fileText?.copyIn();
  }

  /** Read the next chunk into `buffer`, after the partial line carried in front of it when that is short. */
  private async readInto(handle: FileHandle, buffer: Buffer, size: number): Promise<{ carry: number; bytesRead: number }> {
    const carry = this.pending.length <= CARRY_BYTES ? this.pending.length : 0;
    if (carry) this.pending.copy(buffer, 0);
    const { bytesRead } = await handle.read(buffer, carry, Math.min(CHUNK_BYTES, size - this.pos), this.pos);
    return { carry, bytesRead };
  }

  private flushPending(): void {
    if (!this.pending.length) return;
    let text = this.pending.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.pending = EMPTY;
    this.emitter.lines([{ text }]);
  }
}
