// Scanning a large local file on every core, off main's event loop: the file
// is cut into parts at line starts, one worker scans each (worker.ts), and
// the parts' entries reach the store in file order, exactly as one scanner
// reading the file from the top would have made them.
//
// A part's scanner starts without knowing what came before (an open stack
// trace, the last line's format, the year of year-less lines), so its first
// entries may differ from a single scanner's. The worker of the part before
// therefore reads on into it until it starts an entry on a line where the
// later part's scanner also started one, in the same state (StartTrace): from
// that line on both scanners make the same entries, so the later part's are
// kept from there and the earlier worker stops. Usually that is the first
// line with a full date; a part the earlier one cannot meet is scanned by it
// instead. A part's batches wait in main until the part before has met it.
import { read } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ScanBatch, type ScannerState } from '../../../../shared/logs/lite';
import type { Disposable } from '../../../../shared/lib/disposable';
import type { BatchMessage, FromWorker, ScanPartRequest, ToWorker } from './protocol';

export interface ScanPoolOptions {
  /** Parts scanned at once (default: the cores this process may use). */
  maxParts?: number;
  /** No part smaller than this (default 8 MB): below it a second worker costs more than it saves. */
  minPartBytes?: number;
  chunkBytes?: number;
  /** Entry starts a later part traces for the part before to meet (default 4096). */
  traceLimit?: number;
  /** Idle workers are ended after this long (default 30 s). */
  idleMs?: number;
}

export interface ScanFileJob {
  fd: number;
  /** Bytes [from, to) of the file; `to` follows a newline. */
  from: number;
  to: number;
  /** Where the source's scanner stands (an open entry, the last format and date). */
  initial: ScannerState;
  /** "Now" of the source's parser (EntryParser.now), for year guesses made alike in every part. */
  now?: number;
  /** Entries in file order, as a single scanner would batch them (batches may be cut differently). */
  onBatch(batch: ScanBatch): void;
  signal?: AbortSignal;
}

/** The split points are searched for within this many bytes after each cut. */
const SPLIT_WINDOW = 64 * 1024;

export class ScanPool implements Disposable {
  private readonly idle: Worker[] = [];
  private idleTimer: NodeJS.Timeout | undefined;
  private nextJob = 1;
  /** Scans started and the parts they were cut into (for tests and diagnostics). */
  readonly stats = { scans: 0, parts: 0 };
  private disposed = false;
  private readonly maxParts: number;
  private readonly minPartBytes: number;
  private readonly chunkBytes: number;
  private readonly traceLimit: number;
  private readonly idleMs: number;

  constructor(
    private readonly script: string,
    options: ScanPoolOptions = {},
  ) {
    this.maxParts = Math.max(1, options.maxParts ?? os.availableParallelism());
    this.minPartBytes = options.minPartBytes ?? 8 << 20;
    this.chunkBytes = options.chunkBytes ?? 1 << 20;
    this.traceLimit = options.traceLimit ?? 4096;
    this.idleMs = options.idleMs ?? 30_000;
  }

  /** Scan [from, to) of the file; resolves with the scanner state at `to`, for the source's own scanner to go on from. */
  async scan(job: ScanFileJob): Promise<ScannerState> {
    if (this.disposed) throw new Error('the log scan pool is closed');
    const starts = await this.split(job.fd, job.from, job.to);
    this.stats.scans++;
    this.stats.parts += starts.length;
    return new Promise<ScannerState>((resolve, reject) => new Run(this, this.nextJob++, job, starts, resolve, reject).start());
  }

  /** Part starts: the first line start at or after each even cut (a cut with no line start near it is skipped). */
  private async split(fd: number, from: number, to: number): Promise<number[]> {
    const parts = Math.max(1, Math.min(this.maxParts, Math.floor((to - from) / this.minPartBytes)));
    const starts = [from];
    const buffer = Buffer.allocUnsafe(SPLIT_WINDOW);
    for (let i = 1; i < parts; i++) {
      const cut = from + Math.floor(((to - from) * i) / parts);
      if (cut <= starts.at(-1)!) continue;
      const n = await new Promise<number>((resolve, reject) => read(fd, buffer, 0, Math.min(SPLIT_WINDOW, to - cut), cut, (error, bytes) => (error ? reject(error) : resolve(bytes))));
      const nl = buffer.subarray(0, n).indexOf(10);
      if (nl >= 0 && cut + nl + 1 < to) starts.push(cut + nl + 1);
    }
    return starts;
  }

  /** @internal a worker for a run: an idle one, or a new one. */
  acquire(): Worker {
    const worker = this.idle.pop() ?? new Worker(this.script);
    worker.unref();
    return worker;
  }

  /** @internal a run gives back a worker that finished cleanly; it is ended after a while idle. */
  release(worker: Worker): void {
    if (this.disposed) {
      void worker.terminate();
      return;
    }
    this.idle.push(worker);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      for (const w of this.idle.splice(0)) void w.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  dispose(): void {
    this.disposed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const w of this.idle.splice(0)) void w.terminate();
  }

  get settings(): { chunkBytes: number; traceLimit: number } {
    return { chunkBytes: this.chunkBytes, traceLimit: this.traceLimit };
  }
}

interface Part {
  worker: Worker;
  from: number;
  /** Batches waiting for the part before to meet this one. */
  queued: BatchMessage[];
  done: Extract<FromWorker, { type: 'done' }> | undefined;
  /** Cut off: an earlier part's worker scanned it instead. */
  discarded: boolean;
  onMessage: (message: FromWorker) => void;
  onError: (error: Error) => void;
}

/** One scan job: its workers, and which part's entries flow to the store now. */
class Run {
  private readonly parts: Part[] = [];
  /** The part whose batches go to the store as they come. */
  private current = 0;
  /** Entries of the current part still to leave out (they came before the line where the part before met it). */
  private skip = 0;
  private settled = false;

  constructor(
    private readonly pool: ScanPool,
    private readonly id: number,
    private readonly job: ScanFileJob,
    private readonly starts: number[],
    private readonly resolve: (state: ScannerState) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  start(): void {
    const { job, starts } = this;
    if (job.signal?.aborted) return this.fail(abortError());
    job.signal?.addEventListener('abort', this.onAbort, { once: true });
    const now = job.now ?? Date.now();
    const bounds = [...starts, job.to];
    starts.forEach((from, index) => {
      const worker = this.pool.acquire();
      const part: Part = {
        worker,
        from,
        queued: [],
        done: undefined,
        discarded: false,
        onMessage: (message) => this.onMessage(index, message),
        onError: (error) => this.fail(new Error(`log scan worker failed: ${error.message}`)),
      };
      worker.on('message', part.onMessage);
      worker.on('error', part.onError);
      this.parts.push(part);
      const request: ScanPartRequest = {
        type: 'scan',
        job: this.id,
        part: index,
        fd: job.fd,
        from,
        to: bounds[index + 1]!,
        later: bounds.slice(index + 1),
        initial: index === 0 ? job.initial : undefined,
        now,
        ...this.pool.settings,
      };
      worker.postMessage(request satisfies ToWorker);
    });
  }

  private readonly onAbort = () => this.fail(abortError());

  private onMessage(index: number, message: FromWorker): void {
    if (this.settled || message.job !== this.id) return;
    const part = this.parts[index]!;
    if (part.discarded) return;
    switch (message.type) {
      case 'trace':
        // Any earlier part may have to meet this one (when it could not meet those in between).
        for (let i = 0; i < index; i++) if (!this.parts[i]!.discarded) this.parts[i]!.worker.postMessage({ type: 'trace', job: this.id, part: index, trace: message.trace } satisfies ToWorker);
        return;
      case 'batch':
        if (index === this.current) this.deliver(message);
        else part.queued.push(message);
        return;
      case 'done':
        part.done = message;
        if (index === this.current) this.advance();
        return;
      case 'error':
        this.fail(new Error(`scanning bytes from ${part.from}: ${message.message}`));
    }
  }

  /** The current part finished: hand over to the part it met (its queued batches first), or finish. */
  private advance(): void {
    for (;;) {
      const done = this.parts[this.current]!.done;
      if (!done) return;
      if (done.state) {
        // It read to the end: any part after it was scanned by it.
        for (let i = this.current + 1; i < this.parts.length; i++) this.discard(i);
        return this.finish(done.state);
      }
      const met = done.metPart!;
      for (let i = this.current + 1; i < met; i++) this.discard(i);
      this.current = met;
      this.skip = done.metAt!;
      const next = this.parts[met]!;
      for (const batch of next.queued.splice(0)) this.deliver(batch);
    }
  }

  private deliver(message: BatchMessage): void {
    let from = 0;
    if (this.skip > 0) {
      from = Math.min(this.skip, message.count);
      this.skip -= from;
      if (from === message.count) return;
    }
    this.job.onBatch(toBatch(message, from));
  }

  private discard(index: number): void {
    const part = this.parts[index]!;
    if (part.discarded) return;
    part.discarded = true;
    part.queued.length = 0;
    this.detach(part);
    // Still scanning what another worker scanned: stop it rather than wait.
    if (part.done) this.pool.release(part.worker);
    else void part.worker.terminate();
  }

  private finish(state: ScannerState): void {
    this.settled = true;
    this.job.signal?.removeEventListener('abort', this.onAbort);
    for (const part of this.parts) {
      if (part.discarded) continue;
      this.detach(part);
      this.pool.release(part.worker);
    }
    this.resolve(state);
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.job.signal?.removeEventListener('abort', this.onAbort);
    for (const part of this.parts) this.detach(part);
    // The workers stop reading the descriptor before the caller may close it.
    void Promise.all(this.parts.map((part) => part.worker.terminate().catch(() => 0))).then(() => this.reject(error));
  }

  private detach(part: Part): void {
    part.worker.off('message', part.onMessage);
    part.worker.off('error', part.onError);
  }
}

function abortError(): Error {
  return Object.assign(new Error('the scan was cancelled'), { name: 'AbortError' });
}

/** A batch message as a ScanBatch, without its first `from` entries. */
function toBatch(message: BatchMessage, from: number): ScanBatch {
  const batch = new ScanBatch();
  batch.text = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength).toString('utf8');
  batch.count = message.count - from;
  batch.start = from ? message.start.subarray(from) : message.start;
  batch.end = from ? message.end.subarray(from) : message.end;
  batch.time = from ? message.time.subarray(from) : message.time;
  batch.level = from ? message.level.subarray(from) : message.level;
  batch.kind = from ? message.kind.subarray(from) : message.kind;
  const format = new Array<string>(batch.count);
  for (let i = 0; i < batch.count; i++) format[i] = message.formats[message.format[from + i]!]!;
  batch.format = format;
  for (const [i, text] of message.own) if (i >= from) batch.own.set(i - from, text);
  return batch;
}

