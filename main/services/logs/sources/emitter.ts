// What every source shares: lines handed on in batches, states reported only
// when they change, "idle" once the source has been quiet for a moment (the
// parser then closes a pending multi-line entry), and retry delays.
import type { LazyText } from '../../../../shared/logs/lite';
import type { RawLine, SourceSink, SourceStatus } from './index';

export const IDLE_MS = 200;

export class SourceEmitter {
  private idleTimer: NodeJS.Timeout | undefined;
  private last: SourceStatus | undefined;
  private stopped = false;

  constructor(
    private readonly sink: SourceSink,
    readonly id: string,
    readonly label: string,
  ) {}

  get status(): SourceStatus | undefined {
    return this.last;
  }

  lines(lines: RawLine[]): void {
    if (this.stopped || lines.length === 0) return;
    this.sink.lines(this.id, this.label, lines);
    this.active();
  }

  /**
   * Whole lines as one string, `text[0, end)` where text[end] is the last
   * newline: to a sink that takes text as it is, else split. `bytes`: the
   * UTF-8 of the whole text. A LazyText (a local file's chunk) always ends
   * with its last newline and comes with its bytes.
   */
  text(text: string | LazyText, end: number, bytes?: Uint8Array): void {
    if (this.stopped || end < 0) return;
    if (this.sink.text && end + 1 === text.length) {
      this.sink.text(this.id, this.label, text, bytes);
      this.active();
      return;
    }
    // A lazy chunk's text from the bytes in hand, not read back from the file.
    const whole = typeof text === 'string' ? text : bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : text.text();
    if (this.sink.text) {
      this.sink.text(this.id, this.label, whole.slice(0, end + 1));
      this.active();
    } else this.lines(splitLines(whole, end).map((line) => ({ text: line })));
  }

  /** Lines arrived: "idle" comes again once they stop. */
  private active(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.stopped) this.sink.idle(this.id);
    }, IDLE_MS);
    this.idleTimer.unref?.();
  }

  state(status: SourceStatus): void {
    if (this.stopped) return;
    if (this.last && this.last.state === status.state && this.last.message === status.message) return;
    this.last = status;
    this.sink.status(this.id, this.label, status);
  }

  /** No more calls to the sink after this (an 'ended' state may be sent first). */
  stop(final?: SourceStatus): void {
    if (final) this.state(final);
    this.stopped = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

/** 1 s, 2 s, 4 s... up to 30 s. */
export function backoffMs(attempt: number, firstMs = 1000, maxMs = 30_000): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt));
}

/** Splits text chunks into lines, keeping a partial last line until its newline comes. */
export class TextLines {
  private pending = '';

  /** The partial line kept so far. */
  get pendingText(): string {
    return this.pending;
  }

  push(chunk: string): string[] {
    const text = this.pending + chunk;
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      this.pending = text;
      return [];
    }
    this.pending = text.slice(end + 1);
    return splitLines(text, end);
  }

  /** The partial line, if any (its source has ended). */
  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest ? [rest.endsWith('\r') ? rest.slice(0, -1) : rest] : [];
  }

  clear(): void {
    this.pending = '';
  }
}

/** Lines of text[0, end) where text[end] is the last newline; CR LF endings lose the CR. */
export function splitLines(text: string, end: number): string[] {
  const lines = text.slice(0, end).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return lines;
}

/** Single-quoted for a POSIX shell, whatever the text holds. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
