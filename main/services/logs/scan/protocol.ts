// The messages between the log service's scan pool (pool.ts, in main) and its
// workers (worker.ts): one worker scans one part of a large local file, read
// through the file descriptor main opened (workers share the process's
// descriptors), and sends back columns (ScanBatch) rather than lines.
import type { ScannerState, StartTrace } from '../../../../shared/logs/lite';

/** Main → worker: scan bytes [from, to) of `fd`; the first part starts from `initial`, the others trace their first entries; all but the last read on until they meet a later part. */
export interface ScanPartRequest {
  type: 'scan';
  job: number;
  part: number;
  fd: number;
  from: number;
  to: number;
  /** Starts of the later parts (bytes), then the end of the last one: where this part's scanner must meet the next trace. */
  later: number[];
  initial: ScannerState | undefined;
  now: number;
  traceLimit: number;
  chunkBytes: number;
}

/** Main → worker: the trace of a later part (forwarded from its worker). */
export interface TraceForward {
  type: 'trace';
  job: number;
  part: number;
  trace: StartTrace;
}

export type ToWorker = ScanPartRequest | TraceForward;

/**
 * A ScanBatch as it crosses to main: typed arrays cut to its count, formats
 * as indexes in `formats`, and the chunk as its UTF-8 bytes rather than its
 * text — all transferred, not copied. Main decodes the bytes to the same text
 * (offsets are into it); decoded there, ASCII text is held outside the JS heap.
 */
export interface BatchMessage {
  type: 'batch';
  job: number;
  part: number;
  bytes: Uint8Array<ArrayBuffer>;
  count: number;
  start: Int32Array<ArrayBuffer>;
  end: Int32Array<ArrayBuffer>;
  time: Float64Array<ArrayBuffer>;
  level: Uint8Array<ArrayBuffer>;
  kind: Uint8Array<ArrayBuffer>;
  format: Uint8Array<ArrayBuffer>;
  formats: string[];
  own: [number, string][];
}

export type FromWorker =
  | BatchMessage
  | { type: 'trace'; job: number; part: number; trace: StartTrace }
  /** This part's scan ended: it met part `metPart` at its entry `metAt` (from there on that part's entries stand), or it read to the end (`state`: where the scan stands). */
  | { type: 'done'; job: number; part: number; metPart?: number; metAt?: number; state?: ScannerState }
  | { type: 'error'; job: number; part: number; message: string };
