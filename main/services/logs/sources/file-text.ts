// The text of a local file's chunks, kept at first as where they are in the
// file (as lnav keeps offsets), not as copies: loading a large file then costs
// no copy of it into memory, which on its own was slower than lnav's whole
// load. Reading a chunk back is a positioned read of the same open file.
//
// A file can be truncated in place (logrotate's copytruncate), and then what
// was at an offset is gone. So once the follower has caught up, the chunks
// are copied into memory in the background, one at a time between other
// work; after that nothing depends on the file. Only a truncation within the
// seconds before the copy reaches a chunk loses its text, and that is said.
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { LazyText } from '../../../../shared/logs/lite';
import type { Logger } from '../../log';

/** Chunks read back before their copy, kept for the next line asked of them (a screenful, a filter's pass). */
const RECENT = 4;

export class FileText {
  /** Chunks not yet copied in, oldest first. */
  private readonly waiting: FileChunk[] = [];
  private readonly recent = new Map<FileChunk, string>();
  private released = false;
  private abandoned = false;
  private copying = false;
  private closed = false;
  private lostBytes = 0;
  /** Reused by the copy: one read buffer, not a fresh one per chunk. */
  private buffer: Buffer | undefined;

  constructor(
    private readonly handle: FileHandle,
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  /** Bytes [offset, offset + length) of the file; to be copied in once a scanner keeps it (plain ASCII with no CR or ESC, LazyText's contract). */
  chunk(offset: number, length: number): FileChunk {
    return new FileChunk(this, offset, length);
  }

  /** A chunk a scanner kept: its text is to be copied in. */
  keep(chunk: FileChunk): void {
    chunk.ascii = true;
    if (this.closed) chunk.held = this.lost(chunk, 0);
    else this.waiting.push(chunk);
  }

  /** Chunks whose text is only in the file (for tests and diagnostics). */
  get uncopied(): number {
    return this.waiting.length;
  }

  /** A chunk's text before its copy: read now (a local file, most likely still in the page cache), and kept a little while. */
  read(chunk: FileChunk): string {
    const known = this.recent.get(chunk);
    if (known !== undefined) return known;
    const text = this.closed ? this.lost(chunk, 0) : this.readSync(chunk);
    if (this.recent.size >= RECENT) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(chunk, text);
    return text;
  }

  /** Copy every waiting chunk into memory, one at a time between other work. Runs once at a time; the file is closed after, if released. */
  async copyIn(): Promise<void> {
    if (this.copying || this.closed) return;
    this.copying = true;
    try {
      while (this.waiting.length && !this.abandoned) {
        const chunk = this.waiting[0]!;
        const buffer = this.buffer && this.buffer.length >= chunk.length ? this.buffer : (this.buffer = Buffer.allocUnsafe(Math.max(chunk.length, 1 << 20)));
        let got = 0;
        try {
          while (got < chunk.length) {
            const { bytesRead } = await this.handle.read(buffer, got, chunk.length - got, chunk.offset + got);
            if (bytesRead === 0) break;
            got += bytesRead;
          }
        } catch (error) {
          this.log.warn('log file read back failed', { file: this.file, error: (error as Error).message });
        }
        if (this.abandoned) break;
        // Settled while it was read (the file was truncated): the queue has moved on.
        if (this.waiting[0] !== chunk) continue;
        this.waiting.shift();
        chunk.held = got === chunk.length ? buffer.toString('latin1', 0, got) : this.lost(chunk, got, buffer);
        this.recent.delete(chunk);
        // Other work (a screenful asked for, lines arriving) goes first.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.copying = false;
      if (this.released && (this.abandoned || !this.waiting.length)) this.close();
    }
  }

  /** The file was truncated: the chunks not yet copied in are gone from it. */
  truncated(): void {
    for (const chunk of this.waiting.splice(0)) chunk.held = this.recent.get(chunk) ?? this.lost(chunk, 0);
    this.recent.clear();
  }

  /** The follower is done with the file (rotated away, or stopped): it is closed once every chunk is copied in. */
  release(): void {
    this.released = true;
    if (!this.copying && !this.waiting.length) this.close();
    else if (!this.copying) void this.copyIn();
  }

  /** The view is gone: no more copying; closed as soon as a read under way ends. */
  abandon(): void {
    this.abandoned = true;
    this.released = true;
    if (!this.copying) this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.recent.clear();
    this.buffer = undefined;
    void this.handle.close().catch(() => {});
  }

  private readSync(chunk: FileChunk): string {
    const buffer = Buffer.allocUnsafe(chunk.length);
    let got = 0;
    try {
      while (got < chunk.length) {
        const n = readSync(this.handle.fd, buffer, got, chunk.length - got, chunk.offset + got);
        if (n === 0) break;
        got += n;
      }
    } catch (error) {
      this.log.warn('log file read back failed', { file: this.file, error: (error as Error).message });
    }
    // A chunk no scanner kept (a sink that splits lines itself) may be any UTF-8.
    if (got === chunk.length) return buffer.toString(chunk.ascii ? 'latin1' : 'utf8', 0, got);
    return this.lost(chunk, got, buffer);
  }

  /**
   * The file no longer holds the chunk (truncated before its copy): what was
   * read, then spaces for the rest, so the lines' offsets still hold. Said
   * once per chunk in the log.
   */
  private lost(chunk: FileChunk, got: number, buffer?: Buffer): string {
    this.lostBytes += chunk.length - got;
    this.log.warn('log file truncated before its text was kept: lines show blank', { file: this.file, offset: chunk.offset, bytes: chunk.length - got, lostBytes: this.lostBytes });
    return (buffer && got > 0 ? buffer.toString('latin1', 0, got) : '') + ' '.repeat(chunk.length - got);
  }
}

/** One chunk of a FileText: its text from the file until the copy holds it. */
export class FileChunk implements LazyText {
  /** The text, once copied in. */
  held: string | undefined;
  /** A scanner kept it: plain ASCII, so a byte is a character. */
  ascii = false;

  constructor(
    private readonly owner: FileText,
    readonly offset: number,
    readonly length: number,
  ) {}

  text(): string {
    return this.held ?? this.owner.read(this);
  }

  kept(): void {
    this.owner.keep(this);
  }
}
