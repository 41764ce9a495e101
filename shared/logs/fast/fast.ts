// The WebAssembly half of LineScanner (../lite.ts): scan.c compiled by
// `npm run scan-wasm`. One instance serves every scanner: its state is
// handed in and read back on each call, so nothing in it belongs to one
// source. Where WebAssembly cannot be instantiated, `fastScanner()` is null
// and the TypeScript scanner does all the work, as it always could.
import { SCAN_WASM_BASE64 } from './scan-wasm';

/** Slots of the state array (scan.c's S_* enum). */
export const S = {
  Open: 0,
  OpenStart: 1,
  OpenEnd: 2,
  PreFrom: 3,
  PreEnd: 4,
  OpenTime: 5,
  OpenLevel: 6,
  OpenKind: 7,
  OpenFormat: 8,
  Extra: 9,
  LastKind: 10,
  LastDated: 11,
  Mode: 12,
  LastIndented: 13,
  GuessYear: 14,
  Year: 15,
  Now: 16,
  Status: 17,
  Count: 18,
} as const;
export const DONE = 0;
export const BAIL = 1;
export const FULL = 2;
/** Format codes scan.c produces (F_*); 0 is plain, and codes from FIRST_OTHER_FORMAT name the TypeScript parser's other formats. */
export const FAST_FORMATS = ['plain', 'json', 'logfmt', 'iso', 'java', 'syslog', 'access'] as const;

interface Exports {
  memory: WebAssembly.Memory;
  state_ptr(): number;
  out_start_ptr(): number;
  out_end_ptr(): number;
  out_time_ptr(): number;
  out_level_ptr(): number;
  out_kind_ptr(): number;
  out_format_ptr(): number;
  input(len: number): number;
  plain_ascii(len: number): number;
  scan(from: number, len: number): number;
  capacity(): number;
  count_byte(len: number, ch: number): number;
}

export class FastScanner {
  private readonly x: Exports;
  private buffer: ArrayBuffer | undefined;
  state!: Float64Array;
  outStart!: Int32Array;
  outEnd!: Int32Array;
  outTime!: Float64Array;
  outLevel!: Uint8Array;
  outKind!: Uint8Array;
  outFormat!: Uint8Array;

  constructor(exports: Exports) {
    this.x = exports;
    this.views();
  }

  /** Copy a chunk in; false when it is not plain ASCII (no CR, no ESC) or memory cannot grow: the TypeScript scans it. */
  load(bytes: Uint8Array): boolean {
    const at = this.x.input(bytes.length);
    if (at === 0) return false;
    this.views();
    new Uint8Array(this.x.memory.buffer, at, bytes.length).set(bytes);
    return this.x.plain_ascii(bytes.length) === 1;
  }

  /** How many newlines `bytes` holds; undefined when memory cannot grow to take them. (It uses the chunk's place: load() again before a scan.) */
  countNewlines(bytes: Uint8Array): number | undefined {
    const at = this.x.input(bytes.length);
    if (at === 0) return undefined;
    this.views();
    new Uint8Array(this.x.memory.buffer, at, bytes.length).set(bytes);
    return this.x.count_byte(bytes.length, 10);
  }

  /** scan.c's scan(): the chunk from `from`; returns where it stopped (state[S.Status] says why). */
  scan(from: number, len: number): number {
    return this.x.scan(from, len);
  }

  // Views are remade after memory grew (the old ArrayBuffer is detached).
  private views(): void {
    const buffer = this.x.memory.buffer;
    if (buffer === this.buffer) return;
    this.buffer = buffer;
    this.state = new Float64Array(buffer, this.x.state_ptr(), S.Count + 1);
    const cap = this.x.capacity();
    this.outStart = new Int32Array(buffer, this.x.out_start_ptr(), cap);
    this.outEnd = new Int32Array(buffer, this.x.out_end_ptr(), cap);
    this.outTime = new Float64Array(buffer, this.x.out_time_ptr(), cap);
    this.outLevel = new Uint8Array(buffer, this.x.out_level_ptr(), cap);
    this.outKind = new Uint8Array(buffer, this.x.out_kind_ptr(), cap);
    this.outFormat = new Uint8Array(buffer, this.x.out_format_ptr(), cap);
  }
}

let instance: FastScanner | null | undefined;

/** The shared instance, or null where WebAssembly is not available. */
export function fastScanner(): FastScanner | null {
  if (instance !== undefined) return instance;
  try {
    const binary = atob(SCAN_WASM_BASE64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    instance = new FastScanner(new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as Exports);
  } catch {
    instance = null;
  }
  return instance;
}
