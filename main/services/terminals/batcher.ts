/**
 * Coalesces a chatty source into fewer, larger events: flushes after
 * `maxDelayMs` or once `maxChars` have gathered, whichever comes first
 * (VS Code's terminal data bufferer uses 5 ms). Output after a quiet spell
 * goes out at once (leading edge): a keystroke's echo is not held back, only
 * a stream that keeps coming is batched.
 */
export class OutputBatcher {
  private chunks: string[] = [];
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = -Infinity;

  constructor(
    private readonly flush: (data: string) => void,
    private readonly maxDelayMs = 5,
    private readonly maxChars = 64 * 1024,
  ) {}

  push(data: string): void {
    if (!data) return;
    this.chunks.push(data);
    this.size += data.length;
    const quiet = !this.timer && performance.now() - this.lastFlush >= this.maxDelayMs;
    if (quiet || this.size >= this.maxChars) this.flushNow();
    else this.timer ??= setTimeout(() => this.flushNow(), this.maxDelayMs);
  }

  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.size === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    this.lastFlush = performance.now();
    this.flush(data);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.chunks = [];
    this.size = 0;
  }
}
