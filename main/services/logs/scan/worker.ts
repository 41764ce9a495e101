// A scan worker: reads one part of a large local file through main's file
// descriptor, scans it with a LineScanner and posts the columns to main
// (pool.ts). A part after the first starts from a fresh scanner and traces
// its first entry starts; a part before the last reads on past its end until
// it starts an entry where the next part's trace did, in the same state —
// from there on the next part's entries are the ones a single scanner would
// have made, so this worker stops. Built as its own bundle (scripts/build.mjs).
import { read } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { LineScanner, ScanBatch, type StartTrace } from '../../../../shared/logs/lite';
import type { BatchMessage, FromWorker, ScanPartRequest, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('the log scan worker runs in a worker thread');

const traces = new Map<string, StartTrace>();
const waiting = new Map<string, (trace: StartTrace) => void>();
const key = (job: number, part: number) => `${job}:${part}`;

port.on('message', (message: ToWorker) => {
  if (message.type === 'trace') {
    const k = key(message.job, message.part);
    const resolve = waiting.get(k);
    if (resolve) {
      waiting.delete(k);
      resolve(message.trace);
    } else traces.set(k, message.trace);
    return;
  }
  scanPart(message).catch((error: unknown) => post({ type: 'error', job: message.job, part: message.part, message: (error as Error).message ?? String(error) }));
});

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function traceOf(job: number, part: number): Promise<StartTrace> {
  const k = key(job, part);
  const known = traces.get(k);
  if (known) {
    traces.delete(k);
    return Promise.resolve(known);
  }
  return new Promise((resolve) => waiting.set(k, resolve));
}

function readAt(fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
}

/** Room kept before each read for the partial line carried from the chunk before, so the two need no joining copy. */
const HEADROOM = 64 * 1024;

/**
 * Whole lines of [from, to) (to is a line start, or the end after a newline),
 * a chunk at a time; the next read goes on while a chunk is scanned. Each
 * read has memory of its own (not Node's shared pool of small buffers): a
 * chunk's memory is transferred to main with its batch.
 */
async function* chunks(fd: number, from: number, to: number, chunkBytes: number): AsyncGenerator<Chunk> {
  const readNext = (at: number): Promise<Buffer> => {
    const buffer = Buffer.allocUnsafeSlow(HEADROOM + Math.min(chunkBytes, to - at));
    return readAt(fd, buffer, HEADROOM, buffer.length - HEADROOM, at).then((n) => buffer.subarray(HEADROOM, HEADROOM + n));
  };
  let pos = from;
  let next: Promise<Buffer> | undefined = pos < to ? readNext(pos) : undefined;
  let pending: Buffer | undefined;
  while (next) {
    const got = await next;
    if (got.length === 0) throw new Error(`the file ended at byte ${pos}, before ${to}: was it truncated?`);
    pos += got.length;
    next = pos < to ? readNext(pos) : undefined;
    let chunk = got;
    if (pending && pending.length <= HEADROOM) {
      // The partial line goes in front, into the room left for it.
      chunk = Buffer.from(got.buffer, got.byteOffset - pending.length, pending.length + got.length);
      pending.copy(chunk, 0);
    } else if (pending) chunk = joined(pending, got);
    const end = pos >= to ? chunk.length - 1 : chunk.lastIndexOf(10);
    if (end < 0) {
      pending = joined(chunk);
      continue;
    }
    // A copy: the chunk's memory goes to main with its batch.
    pending = end + 1 < chunk.length ? joined(chunk.subarray(end + 1)) : undefined;
    yield { text: chunk.toString('utf8', 0, end + 1), bytes: new Uint8Array(chunk.buffer as ArrayBuffer, chunk.byteOffset, end + 1) };
  }
  if (pending) yield { text: pending.toString('utf8'), bytes: new Uint8Array(pending.buffer as ArrayBuffer, pending.byteOffset, pending.length) };
}

/** Buffers joined in memory of their own (a line longer than the headroom, or a partial line kept). */
function joined(...parts: Buffer[]): Buffer {
  const out = Buffer.allocUnsafeSlow(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) at += part.copy(out, at);
  return out;
}

/** Whole lines, as text to scan and as the bytes main decodes to the same text. */
interface Chunk {
  text: string;
  bytes: Uint8Array<ArrayBuffer>;
}

function send(job: number, part: number, batch: ScanBatch, bytes: Uint8Array<ArrayBuffer>): void {
  const n = batch.count;
  if (n === 0 && batch.own.size === 0) return;
  const formats: string[] = [];
  const codes = new Map<string, number>();
  const format = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const name = batch.format[i]!;
    let code = codes.get(name);
    if (code === undefined) {
      code = formats.push(name) - 1;
      codes.set(name, code);
    }
    format[i] = code;
  }
  const message: BatchMessage = {
    type: 'batch',
    job,
    part,
    bytes,
    count: n,
    start: batch.start.slice(0, n),
    end: batch.end.slice(0, n),
    time: batch.time.slice(0, n),
    level: batch.level.slice(0, n),
    kind: batch.kind.slice(0, n),
    format,
    formats,
    own: [...batch.own],
  };
  post(message, [message.start.buffer, message.end.buffer, message.time.buffer, message.level.buffer, message.kind.buffer, format.buffer, bytes.buffer]);
}

async function scanPart(request: ScanPartRequest): Promise<void> {
  const { job, part, fd, from, later, chunkBytes } = request;
  const scanner = new LineScanner({ now: request.now });
  const batch = new ScanBatch();
  if (request.initial) scanner.restore(request.initial);
  let trace: StartTrace | undefined = part > 0 ? scanner.startTrace(request.traceLimit) : undefined;
  const sendTrace = (complete: boolean) => {
    if (!trace) return;
    trace.complete = complete;
    post({ type: 'trace', job, part, trace });
    trace = undefined;
  };
  // This part.
  for await (const { text, bytes } of chunks(fd, from, later[0]!, chunkBytes)) {
    scanner.push(text, batch);
    send(job, part, batch, bytes);
    if (trace && trace.line.length >= request.traceLimit) sendTrace(false);
  }
  sendTrace(true);
  // On into the later parts until one is met.
  for (let k = 0; k + 1 < later.length; k++) {
    const next = part + 1 + k;
    scanner.meet(await traceOf(job, next));
    for await (const { text, bytes } of chunks(fd, later[k]!, later[k + 1]!, chunkBytes)) {
      scanner.push(text, batch);
      send(job, part, batch, bytes);
      if (scanner.metAt >= 0) {
        post({ type: 'done', job, part, metPart: next, metAt: scanner.metAt });
        return;
      }
    }
  }
  // Read to the end: where the scan stands goes on in main (the last entry may still grow).
  post({ type: 'done', job, part, state: scanner.state() });
}
