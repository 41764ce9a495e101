// One log view's lines, held in main: columnar chunks (typed arrays for time,
// source, level, format and flags), kept merged by time across sources,
// capped (the oldest chunk goes whole), and filtered through an incremental
// index per filter so a screenful, a histogram or an export over millions of
// lines never re-tests lines already tested.
//
// Text is held compactly, as lnav does: lines scanned from a chunk of text
// (addScanned; a local file) keep only offsets into that chunk — no message,
// fields or continuation strings per line. Those are parsed again, with the
// same parser, for the lines a window shows, an export writes, or a field
// filter tests. Entries handed over already parsed (add; pods, journald,
// markers) keep their strings.
//
// Positions and seqs: a line's position is its index in the merged order now;
// its seq is `firstSeq + position`, where firstSeq counts the lines dropped
// from the front. Seqs only move for the few newest lines when a line that
// arrived late is merged in before them.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { LogFilter, type Histogram, type LogLevel, type LogLine, type LogWindow } from '../../../shared/contract/logs';
import { type LazyText, LEVEL_ORDER, PARSER_KINDS, type ScanBatch } from '../../../shared/logs/lite';
import { EntryParser, stripAnsi } from '../../../shared/logs/parse';

export const LEVELS: readonly LogLevel[] = LEVEL_ORDER;
const LEVEL_INDEX: ReadonlyMap<string, number> = new Map(LEVELS.map((level, i) => [level, i]));
const UNKNOWN_LEVEL = LEVELS.indexOf('unknown');

/** One parsed entry as the service hands it to the store. */
export interface StoreEntry {
  /** The entry's own time (epoch ms); without it the store picks one (see `add`). */
  time?: number | undefined;
  /** False for a time the caller chose (a marker placed at "now"); defaults to whether `time` is set. */
  timed?: boolean;
  level: LogLevel;
  format: string;
  text: string;
  raw: string;
  fields?: Record<string, string> | undefined;
  extra?: string[] | undefined;
}

export type FilterInput = Parameters<typeof LogFilter.parse>[0];

export interface LogStoreOptions {
  /** Lines kept; the oldest are dropped past it. */
  maxLines: number;
  /** How far back (lines) a late line may be merged in; older ones go at the window's start. */
  mergeWindow?: number;
  /** Filters whose matches are kept indexed (least recently used goes first). */
  cachedFilters?: number;
  /** Wall clock, for lines without a time of their own. */
  now?: () => number;
}

const BITS = 14;
const CHUNK = 1 << BITS;
const MASK = CHUNK - 1;
const FLAG_TIMED = 1;
/**
 * The line's own stamp is a whole second (syslog, access logs) and it came
 * after a line of its source stamped later in that same second: it keeps its
 * place in the source's order, so its time column holds that later instant
 * (still inside its second) and the time shown is the second it says.
 */
const FLAG_COARSE = 2;
/** Source indexes are Uint16: past this, new sources share the last slot. */
const MAX_SOURCES = 0xffff;
/** An untimed line takes its source's last time if that came this recently (a continuation of a burst), else arrival time. */
const INHERIT_MS = 5000;
const MAX_FIELD_KEYS = 200;
/** Bytes per line held besides its strings: typed columns and array slots. */
const FIXED_BYTES = 8 + 2 + 1 + 1 + 1 + 1 + 4 + 4 + 4 + 8;
/** In the blob column: the line's strings are in `detail` (an entry handed over parsed). */
const NO_BLOB = -1;
/** Every this many scanned entries one is parsed at once, so fieldKeys() knows the keys without parsing them all. */
const FIELD_SAMPLE = 256;

class Chunk {
  readonly time = new Float64Array(CHUNK);
  readonly source = new Uint16Array(CHUNK);
  readonly level = new Uint8Array(CHUNK);
  readonly format = new Uint8Array(CHUNK);
  readonly flags = new Uint8Array(CHUNK);
  /** The parser that took a scanned line (PARSER_KINDS), to parse it again the same way. */
  readonly kind = new Uint8Array(CHUNK);
  /** Scanned lines: the blob holding the entry's text and its [start, end) there; NO_BLOB for entries in `detail`. */
  readonly blob = new Int32Array(CHUNK).fill(NO_BLOB);
  readonly start = new Int32Array(CHUNK);
  readonly end = new Int32Array(CHUNK);
  // Filled with undefined up front so the array stays packed (fast) as slots are written in any order.
  readonly detail: (StoreEntry | undefined)[] = new Array<StoreEntry | undefined>(CHUNK).fill(undefined);
}

/**
 * A chunk of text that scanned entries point into; released when no line
 * points into it any more. Its text is a string, or a LazyText (a stretch of
 * a local file) read when a line of it is wanted — or never, when no line of
 * it is shown, filtered or exported.
 */
class Blob {
  /** Lines pointing into it when it came: far fewer now means it is mostly dead text (see compact). */
  initial: number;
  /** Neither ANSI escapes nor CRs: a regex can run over the text itself (see TextSearch). A LazyText is plain by its contract. */
  readonly plain: boolean;

  constructor(
    private readonly source: string | LazyText,
    public refs: number,
  ) {
    this.initial = refs;
    this.plain = typeof source !== 'string' || (source.indexOf('\x1b') < 0 && source.indexOf('\r') < 0);
  }

  get text(): string {
    const source = this.source;
    return typeof source === 'string' ? source : source.text();
  }

  get length(): number {
    return this.source.length;
  }
}

/** An entry's strings, parsed again from its text. */
interface Parsed {
  text: string;
  raw: string;
  fields: Record<string, string> | undefined;
  extra: string[] | undefined;
}

interface SourceInfo {
  id: string;
  label: string;
  lastTimedAt: number;
  /** Where the source's last line went in time order (its time, or later for a whole-second stamp kept in place). */
  lastKey: number;
}

/**
 * Where a stamped line goes in time order. A whole-second stamp that falls in
 * the second its source's previous line is in came after that line, as far as
 * anyone can tell: it keeps its place (as lnav keeps a file's order) rather
 * than moving back among the lines before it. Any other step back is merged.
 */
function orderKey(info: SourceInfo, time: number): number {
  return time % 1000 === 0 && info.lastKey > time && info.lastKey < time + 1000 ? info.lastKey : time;
}

/** A filter made ready to test lines: everything compiled once. */
interface Compiled {
  key: string;
  /** No condition at all: every line matches, no index needed. */
  all: boolean;
  error?: { index: number; message: string };
  include: TextSearch[];
  exclude: TextSearch[];
  levelMask: Uint8Array | undefined;
  from: number | undefined;
  to: number | undefined;
  fields: { key: string; value: string | undefined }[];
  sources: Set<string> | undefined;
}

/** The positions (as seqs, relative to `base`) of the lines matching one filter, tested up to `upTo`. */
class FilterIndex {
  matches = new Int32Array(1024);
  start = 0;
  end = 0;
  base: number;
  upTo: number;

  constructor(
    readonly compiled: Compiled,
    firstSeq: number,
  ) {
    this.base = firstSeq;
    this.upTo = firstSeq;
  }

  get count(): number {
    return this.end - this.start;
  }

  seqAt(i: number): number {
    return this.matches[this.start + i]! + this.base;
  }

  /** The first match at or after `seq`. */
  lowerBound(seq: number): number {
    let lo = this.start;
    let hi = this.end;
    const rel = seq - this.base;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.matches[mid]! < rel) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  push(seq: number, firstSeq: number): void {
    if (this.end === this.matches.length) {
      if (this.start > this.matches.length >>> 1) {
        this.matches.copyWithin(0, this.start, this.end);
        this.end -= this.start;
        this.start = 0;
      } else {
        const grown = new Int32Array(this.matches.length * 2);
        grown.set(this.matches.subarray(this.start, this.end));
        this.end -= this.start;
        this.start = 0;
        this.matches = grown;
      }
    }
    if (seq - this.base > 0x7ffffff0) this.rebase(firstSeq);
    this.matches[this.end++] = seq - this.base;
  }

  private rebase(firstSeq: number): void {
    const delta = firstSeq - this.base;
    for (let i = this.start; i < this.end; i++) this.matches[i]! -= delta;
    this.base = firstSeq;
  }

  /** Lines dropped from the front: forget their matches. */
  dropBefore(firstSeq: number): void {
    this.start = this.lowerBound(firstSeq);
    if (this.upTo < firstSeq) this.upTo = firstSeq;
  }

  /** Lines from `seq` on changed (a late line merged in): test them again. */
  invalidateFrom(seq: number): void {
    if (seq >= this.upTo) return;
    this.end = this.lowerBound(seq);
    this.upTo = seq;
  }

  bytes(): number {
    return this.matches.byteLength;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lookarounds may see past a line's end in a blob; such patterns are tested line by line. */
const LOOKAROUND = /\(\?<?[=!]/;

/**
 * One text filter, tested like grep: the regex runs over a whole blob (a
 * chunk of lines) with the g and m flags, once, noting the line starts where
 * a match begins; a line no match begins in is passed over without a string
 * of its own, and a line one does is tested alone (the exact answer).
 */
class TextSearch {
  /** For a line alone. */
  readonly line: RegExp;
  /** Over a blob; undefined when the pattern must be tested line by line. */
  private readonly global: RegExp | undefined;
  /** Per blob touched in this scan: where matches begin (the leftmost per line), ascending. */
  private hits = new Map<Blob, Int32Array>();

  constructor(source: string, caseSensitive: boolean) {
    this.line = new RegExp(source, caseSensitive ? '' : 'i');
    this.global = LOOKAROUND.test(source) ? undefined : new RegExp(source, caseSensitive ? 'gm' : 'gim');
  }

  /** Whether any line of the entry at blob[start, end) matches. */
  inBlob(blob: Blob, start: number, end: number): boolean {
    if (this.global !== undefined && blob.plain) {
      let hits = this.hits.get(blob);
      if (hits === undefined) {
        hits = this.find(this.global, blob.text);
        this.hits.set(blob, hits);
      }
      // The first match beginning at or after start; none up to end (a match at end may be an empty one at the line's end: tested below).
      let lo = 0;
      let hi = hits.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (hits[mid]! < start) lo = mid + 1;
        else hi = mid;
      }
      if (lo === hits.length || hits[lo]! > end) return false;
    }
    return this.inLines(entryLines(blob.text.slice(start, end)));
  }

  /** Where matches begin in text: the leftmost in each line that has one (after a match the search goes on from the next line). */
  private find(re: RegExp, text: string): Int32Array {
    let out = new Int32Array(64);
    let n = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (n === out.length) {
        const grown = new Int32Array(n * 2);
        grown.set(out);
        out = grown;
      }
      out[n++] = m.index;
      const nl = text.indexOf('\n', m.index);
      if (nl < 0) break;
      re.lastIndex = nl + 1;
    }
    return out.subarray(0, n);
  }

  inLines(lines: readonly string[]): boolean {
    for (const line of lines) if (this.line.test(plain(line))) return true;
    return false;
  }

  /** Forget the matches found (a scan is over: its blobs may be released, or lines merged into them). */
  reset(): void {
    this.hits = new Map();
  }
}

/** bytes[start, end) of ASCII as a string. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, end);
}

/** An entry's lines from its text: first line, then continuation lines; CR LF endings lose the CR. */
function entryLines(text: string): string[] {
  const lines = text.split('\n');
  if (text.indexOf('\r') >= 0) for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  return lines;
}

/** ANSI escapes start with ESC; only lines holding one pay for stripping. */
const plain = (text: string) => (text.indexOf('\x1b') === -1 ? text : stripAnsi(text));

function compileFilter(input: FilterInput): Compiled {
  const filter = LogFilter.parse(input);
  const key = JSON.stringify(filter);
  const compiled: Compiled = {
    key,
    all: false,
    include: [],
    exclude: [],
    levelMask: undefined,
    from: filter.from,
    to: filter.to,
    fields: filter.fields.map((f) => ({ key: f.key, value: f.value === '*' ? undefined : f.value })),
    sources: filter.sources.length ? new Set(filter.sources) : undefined,
  };
  filter.text.forEach((t, index) => {
    if (compiled.error) return;
    try {
      const search = new TextSearch(t.regex ? t.text : escapeRegExp(t.text), t.caseSensitive);
      (t.exclude ? compiled.exclude : compiled.include).push(search);
    } catch (error) {
      compiled.error = { index, message: error instanceof Error ? error.message : String(error) };
    }
  });
  if (filter.levels.length) {
    compiled.levelMask = new Uint8Array(LEVELS.length);
    for (const level of filter.levels) compiled.levelMask[LEVEL_INDEX.get(level)!] = 1;
  }
  compiled.all =
    !compiled.error && !compiled.include.length && !compiled.exclude.length && !compiled.levelMask && compiled.from === undefined && compiled.to === undefined && !compiled.fields.length && !compiled.sources;
  return compiled;
}

function textMatches(re: RegExp, raw: string, extra: string[] | undefined): boolean {
  if (re.test(plain(raw))) return true;
  if (extra) for (const line of extra) if (re.test(plain(line))) return true;
  return false;
}

/** A text filter against a line in the store, whichever way it is held. */
function slotMatches(search: TextSearch, chunk: Chunk, off: number, blob: Blob | undefined): boolean {
  if (blob !== undefined) return search.inBlob(blob, chunk.start[off]!, chunk.end[off]!);
  const entry = chunk.detail[off]!;
  return textMatches(search.line, entry.raw, entry.extra);
}

/**
 * About what an entry's strings hold: a byte a character (log text is nearly
 * all one-byte in V8), a header per string; a message cut from its line
 * shares the line's characters. Fields are counted as about their raw line.
 */
function entryBytes(raw: string, text: string, fields: Record<string, string> | undefined, extra: string[] | undefined): number {
  let bytes = raw.length + 24 + (text === raw ? 0 : text.length < 13 ? text.length + 24 : 24);
  if (fields) bytes += raw.length + 64;
  if (extra) for (const line of extra) bytes += line.length + 32;
  return bytes;
}

/** Bucket widths a person reads easily. */
const NICE_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000,
  86_400_000,
];

/**
 * Indexes [from, times.length) sorted by time, ties in arrival order. A
 * source is in its own order nearly always; when it is not, (time, index)
 * packed in one double sorts natively (far faster than a comparator) when
 * the times are whole milliseconds and the batch's span allows it.
 */
function mergeOrder(times: Float64Array, from: number): Int32Array {
  const n = times.length - from;
  const order = new Int32Array(n);
  let sorted = true;
  let integral = true;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    order[k] = from + k;
    const t = times[from + k]!;
    if (k > 0 && t < times[from + k - 1]!) sorted = false;
    if (t < min) min = t;
    if (t > max) max = t;
    if (!Number.isInteger(t)) integral = false;
  }
  if (sorted) return order;
  if (integral && (max - min + 1) * n < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++) keys[k] = (times[from + k]! - min) * n + k;
    keys.sort();
    for (let k = 0; k < n; k++) order[k] = from + (keys[k]! % n);
    return order;
  }
  return order.sort((a, b) => times[a]! - times[b]! || a - b);
}

/** The time a line says (its order key, back to its whole second when it was kept in place). */
function shownTime(chunk: Chunk, off: number): number {
  const t = chunk.time[off]!;
  return chunk.flags[off]! & FLAG_COARSE ? Math.floor(t / 1000) * 1000 : t;
}

export class LogStore {
  private readonly chunks: Chunk[] = [];
  private spare: Chunk | undefined;
  /** Offset of position 0 in chunks[0]. */
  private head = 0;
  private count = 0;
  private droppedTotal = 0;
  private readonly maxLines: number;
  private readonly mergeWindow: number;
  private readonly cachedFilters: number;
  private readonly now: () => number;
  private readonly sourceInfo: SourceInfo[] = [];
  private readonly sourceIndex = new Map<string, number>();
  private readonly formats: string[] = [];
  private readonly formatIndex = new Map<string, number>();
  private readonly fieldKeySet = new Set<string>();
  /** LRU of filter indexes: the most recently used last. */
  private readonly indexes = new Map<string, FilterIndex>();
  private approxBytes = 0;
  private readonly blobs = new Map<number, Blob>();
  private nextBlob = 0;
  private sampled = 0;
  /** Parses scanned lines again for their strings; its last parser is set per line. */
  private readonly reparser = new EntryParser();
  /** Bumped when a new field key is seen. */
  fieldsVersion = 0;

  constructor(options: LogStoreOptions) {
    this.maxLines = Math.max(1, options.maxLines);
    this.mergeWindow = Math.max(1, Math.min(options.mergeWindow ?? 50_000, Math.floor(this.maxLines / 2) || 1));
    this.cachedFilters = Math.max(1, options.cachedFilters ?? 4);
    this.now = options.now ?? Date.now;
  }

  /** Lines held. */
  get total(): number {
    return this.count;
  }

  /** Lines dropped from the front so far (the cap). */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** The seq of the oldest line held. */
  get firstSeq(): number {
    return this.droppedTotal;
  }

  /** Register a source (idempotent); returns its index for `add`. */
  source(id: string, label = id): number {
    const known = this.sourceIndex.get(id);
    if (known !== undefined) {
      this.sourceInfo[known]!.label = label;
      return known;
    }
    const index = Math.min(this.sourceInfo.length, MAX_SOURCES);
    if (index < MAX_SOURCES || this.sourceInfo.length === MAX_SOURCES) {
      this.sourceInfo[index] = { id: index === MAX_SOURCES ? 'other' : id, label: index === MAX_SOURCES ? 'other' : label, lastTimedAt: -Infinity, lastKey: -Infinity };
    }
    this.sourceIndex.set(id, index);
    return index;
  }

  sourceId(index: number): string {
    return this.sourceInfo[index]?.id ?? '';
  }

  /** Field keys seen in JSON/logfmt lines (at most 200), in order of first sight. */
  fieldKeys(): string[] {
    return [...this.fieldKeySet];
  }

  /** Approximate bytes held: strings at two bytes a character, columns and indexes. */
  bytes(): number {
    let indexes = 0;
    for (const index of this.indexes.values()) indexes += index.bytes();
    return this.approxBytes + this.chunks.length * CHUNK * FIXED_BYTES + indexes;
  }

  /**
   * Add one source's entries, in the order it gave them. Appended when in time
   * order (the common case); a batch that goes back in time is merged in among
   * the newest `mergeWindow` lines, or placed at that window's start if older.
   * An entry without a time takes its source's last time when that came in
   * the last few seconds (a burst read back), else the time it arrived.
   */
  add(sourceIndex: number, entries: readonly StoreEntry[]): void {
    if (entries.length === 0) return;
    const info = this.sourceInfo[sourceIndex];
    if (!info) throw new Error(`unknown source index ${sourceIndex}`);
    const now = this.now();
    const times = new Float64Array(entries.length);
    const flags = new Uint8Array(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.time !== undefined && Number.isFinite(entry.time)) {
        const key = orderKey(info, entry.time);
        times[i] = key;
        if (entry.timed !== false) {
          flags[i] = key === entry.time ? FLAG_TIMED : FLAG_TIMED | FLAG_COARSE;
          info.lastKey = key;
          info.lastTimedAt = now;
        } else if (key !== entry.time) flags[i] = FLAG_COARSE;
      } else times[i] = now - info.lastTimedAt < INHERIT_MS ? info.lastKey : now;
      this.noteEntry(entry);
    }
    this.place(times, (pos, i) => this.write(pos, sourceIndex, times[i]!, flags[i]!, entries[i]!));
  }

  /**
   * Add one source's entries as a LineScanner found them in a chunk of text:
   * the chunk is kept whole and each line points into it. Ordered like add.
   */
  addScanned(sourceIndex: number, batch: ScanBatch): void {
    const n = batch.count;
    if (n === 0) return;
    const info = this.sourceInfo[sourceIndex];
    if (!info) throw new Error(`unknown source index ${sourceIndex}`);
    const now = this.now();
    // Scratch columns, reused batch after batch (all is done with them before this returns).
    const scratch = this.scratchFor(n);
    const times = scratch.times.subarray(0, n);
    const timed = scratch.timed.subarray(0, n);
    for (let i = 0; i < n; i++) {
      const t = batch.time[i]!;
      if (Number.isFinite(t)) {
        const key = orderKey(info, t);
        times[i] = key;
        timed[i] = key === t ? FLAG_TIMED : FLAG_TIMED | FLAG_COARSE;
        info.lastKey = key;
        info.lastTimedAt = now;
      } else {
        times[i] = now - info.lastTimedAt < INHERIT_MS ? info.lastKey : now;
        timed[i] = 0;
      }
    }
    // Entries that began in an earlier chunk come with their own text: each its own small blob.
    const ids = scratch.ids.subarray(0, n);
    const shared = this.blob(batch.text, n - batch.own.size);
    ids.fill(shared);
    let starts = batch.start.subarray(0, n);
    let ends = batch.end.subarray(0, n);
    if (batch.own.size) {
      starts = starts.slice();
      ends = ends.slice();
      for (const [i, own] of batch.own) {
        ids[i] = this.blob(own, 1);
        starts[i] = 0;
        ends[i] = own.length;
      }
      if (batch.own.size === n) this.release(shared);
    }
    // Format names as the store's codes: the few names a batch has are looked up once each (the scanner hands the same string objects).
    const formats = scratch.formats.subarray(0, n);
    const names: string[] = [];
    const codes: number[] = [];
    for (let i = 0; i < n; i++) {
      const name = batch.format[i]!;
      let k = 0;
      while (k < names.length && names[k] !== name) k++;
      if (k === names.length) {
        names.push(name);
        codes.push(this.format(name));
      }
      formats[i] = codes[k]!;
    }
    const { level, kind } = batch;
    this.place(
      times,
      (pos, i) => {
        const chunk = this.chunkAt(pos);
        const off = (this.head + pos) & MASK;
        chunk.time[off] = times[i]!;
        chunk.source[off] = sourceIndex;
        chunk.level[off] = level[i]!;
        chunk.format[off] = formats[i]!;
        chunk.flags[off] = timed[i]!;
        chunk.kind[off] = kind[i]!;
        chunk.blob[off] = ids[i]!;
        chunk.start[off] = starts[i]!;
        chunk.end[off] = ends[i]!;
        chunk.detail[off] = undefined;
      },
      // Appended in order (nearly always): column by column, a chunk's stretch at a time.
      (pos, from, to) => {
        const chunk = this.chunkAt(pos);
        const off = (this.head + pos) & MASK;
        const end = off + to - from;
        chunk.time.set(times.subarray(from, to), off);
        chunk.source.fill(sourceIndex, off, end);
        chunk.level.set(level.subarray(from, to), off);
        chunk.format.set(formats.subarray(from, to), off);
        chunk.flags.set(timed.subarray(from, to), off);
        chunk.kind.set(kind.subarray(from, to), off);
        chunk.blob.set(ids.subarray(from, to), off);
        chunk.start.set(starts.subarray(from, to), off);
        chunk.end.set(ends.subarray(from, to), off);
        chunk.detail.fill(undefined, off, end);
      },
    );
    this.sampleFields(batch, ids);
  }

  private scratch = { times: new Float64Array(0), timed: new Uint8Array(0), ids: new Int32Array(0), formats: new Uint8Array(0) };

  private scratchFor(n: number): LogStore['scratch'] {
    if (this.scratch.times.length < n) {
      const size = Math.max(n, 8192);
      this.scratch = { times: new Float64Array(size), timed: new Uint8Array(size), ids: new Int32Array(size), formats: new Uint8Array(size) };
    }
    return this.scratch;
  }

  /** Parse a few of the scanned entries now so fieldKeys() knows their keys (a key only a rare line has may show late). */
  private sampleFields(batch: ScanBatch, ids: Int32Array): void {
    if (this.fieldKeySet.size >= MAX_FIELD_KEYS) return;
    for (let i = 0; i < batch.count; i++) {
      if (this.sampled++ % FIELD_SAMPLE !== 0 || batch.kind[i] === 0) continue;
      const own = batch.start[i]! < 0;
      // A lazy chunk's line is read from the bytes it came in, not from the file.
      const text = own ? this.blobs.get(ids[i]!)!.text : batch.bytes ? latin1(batch.bytes, batch.start[i]!, batch.end[i]!) : this.blobs.get(ids[i]!)!.text.slice(batch.start[i], batch.end[i]);
      const parsed = this.reparse(text, batch.kind[i]!);
      if (parsed.fields) this.noteFields(parsed.fields);
    }
  }

  /** Register a blob with `refs` lines pointing into it; returns its id. */
  private blob(text: string | LazyText, refs: number): number {
    const id = this.nextBlob++;
    this.blobs.set(id, new Blob(text, refs));
    this.approxBytes += text.length + 24;
    return id;
  }

  private release(id: number): void {
    const blob = this.blobs.get(id);
    if (!blob || --blob.refs > 0) return;
    this.blobs.delete(id);
    this.approxBytes -= blob.length + 24;
  }

  /** Write entries (by index, with their times) in time order: appended when in order, else merged among the newest lines; then the cap. */
  private place(times: Float64Array, put: (pos: number, i: number) => void, putRun?: (pos: number, from: number, to: number) => void): void {
    let i = 0;
    // The common case: in order after the newest line.
    let last = this.count > 0 ? this.timeAt(this.count - 1) : -Infinity;
    for (; i < times.length; i++) {
      if (times[i]! < last) break;
      last = times[i]!;
    }
    if (putRun) {
      // Entries [0, i) at positions count.. in runs that stay within one chunk.
      for (let from = 0; from < i; ) {
        const to = Math.min(i, from + CHUNK - ((this.head + this.count) & MASK));
        putRun(this.count, from, to);
        this.count += to - from;
        from = to;
      }
    } else for (let k = 0; k < i; k++) put(this.count++, k);
    if (i < times.length) this.merge(times, i, put);
    if (this.count > this.maxLines) this.drop(this.count - this.maxLines);
  }

  private noteEntry(entry: StoreEntry): void {
    this.approxBytes += entryBytes(entry.raw, entry.text, entry.fields, entry.extra);
    if (entry.fields) this.noteFields(entry.fields);
  }

  private noteFields(fields: Record<string, string>): void {
    if (this.fieldKeySet.size < MAX_FIELD_KEYS) {
      for (const key in fields) {
        if (!this.fieldKeySet.has(key)) {
          this.fieldKeySet.add(key);
          this.fieldsVersion++;
          if (this.fieldKeySet.size === MAX_FIELD_KEYS) break;
        }
      }
    }
  }

  /** Merge entries[from..] (one source, going back in time) into the newest lines, moving only lines after the insertion point. */
  private merge(times: Float64Array, from: number, put: (pos: number, i: number) => void): void {
    const order = mergeOrder(times, from);
    const windowStart = Math.max(0, this.count - this.mergeWindow);
    // After every line at or before the earliest time (ties keep the earlier arrival first).
    const earliest = times[order[0]!]!;
    let lo = windowStart;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) <= earliest) lo = mid + 1;
      else hi = mid;
    }
    const insertAt = lo;
    const oldCount = this.count;
    const added = order.length;
    this.count += added;
    // Merge from the back, like merging in place: existing lines move up, the new ones drop into the gaps.
    let i = oldCount - 1;
    let j = added - 1;
    let w = this.count - 1;
    while (j >= 0) {
      const t = times[order[j]!]!;
      if (i >= insertAt && this.timeAt(i) > t) {
        // The run of existing lines later than this one moves up as a block.
        let run = 1;
        while (i - run >= insertAt && this.timeAt(i - run) > t) run++;
        this.moveBlock(i - run + 1, w - run + 1, run);
        i -= run;
        w -= run - 1;
      } else {
        put(w, order[j]!);
        j--;
      }
      w--;
    }
    const changedSeq = this.droppedTotal + insertAt;
    for (const index of this.indexes.values()) index.invalidateFrom(changedSeq);
  }

  /** The chunk holding a position, created (or the spare reused) when the position is one past the end. */
  private chunkAt(pos: number): Chunk {
    const c = (this.head + pos) >>> BITS;
    let chunk = this.chunks[c];
    if (!chunk) {
      chunk = this.spare ?? new Chunk();
      this.spare = undefined;
      this.chunks[c] = chunk;
    }
    return chunk;
  }

  private write(pos: number, sourceIndex: number, time: number, flags: number, entry: StoreEntry): void {
    const chunk = this.chunkAt(pos);
    const off = (this.head + pos) & MASK;
    chunk.time[off] = time;
    chunk.source[off] = sourceIndex;
    chunk.level[off] = LEVEL_INDEX.get(entry.level) ?? UNKNOWN_LEVEL;
    chunk.format[off] = this.format(entry.format);
    chunk.flags[off] = flags;
    chunk.kind[off] = 0;
    chunk.blob[off] = NO_BLOB;
    chunk.detail[off] = entry.extra !== undefined && entry.extra.length === 0 ? { ...entry, extra: undefined } : entry;
  }

  /** Move lines [from, from + n) up to [to, to + n) (to > from), column by column, a chunk's stretch at a time from the back. */
  private moveBlock(from: number, to: number, n: number): void {
    let left = n;
    while (left > 0) {
      const a = this.chunkAt(from + left - 1);
      const b = this.chunkAt(to + left - 1);
      const i = (this.head + from + left - 1) & MASK;
      const j = (this.head + to + left - 1) & MASK;
      const len = Math.min(left, i + 1, j + 1);
      const s = i - len + 1;
      const d = j - len + 1;
      const copy = <T extends Float64Array | Uint16Array | Uint8Array | Int32Array>(src: T, dst: T) => {
        if (src === dst) dst.copyWithin(d, s, s + len);
        else dst.set(src.subarray(s, s + len), d);
      };
      copy(a.time, b.time);
      copy(a.source, b.source);
      copy(a.level, b.level);
      copy(a.format, b.format);
      copy(a.flags, b.flags);
      copy(a.kind, b.kind);
      copy(a.blob, b.blob);
      copy(a.start, b.start);
      copy(a.end, b.end);
      for (let k = len - 1; k >= 0; k--) b.detail[d + k] = a.detail[s + k];
      left -= len;
    }
  }

  private format(name: string): number {
    let index = this.formatIndex.get(name);
    if (index === undefined) {
      index = this.formats.length < 255 ? this.formats.length : 255;
      if (index < 255) this.formats.push(name);
      else if (this.formats.length === 255) this.formats.push('other');
      this.formatIndex.set(name, index);
    }
    return index;
  }

  /** Drop the oldest `n` lines: a chunk is released once all of it is gone. */
  private drop(n: number): void {
    this.head += n;
    this.count -= n;
    this.droppedTotal += n;
    while (this.head >= CHUNK) {
      const gone = this.chunks.shift()!;
      this.head -= CHUNK;
      for (let k = 0; k < CHUNK; k++) {
        const blob = gone.blob[k]!;
        if (blob !== NO_BLOB) this.release(blob);
        else {
          const entry = gone.detail[k]!;
          this.approxBytes -= entryBytes(entry.raw, entry.text, entry.fields, entry.extra);
        }
      }
      // Reused for the next chunk: its strings let go, its typed arrays kept.
      gone.detail.fill(undefined);
      gone.blob.fill(NO_BLOB);
      this.spare = gone;
      this.compactIfSparse();
    }
    for (const index of this.indexes.values()) index.dropBefore(this.droppedTotal);
  }

  /**
   * Lines merged out of arrival order (a source far behind the others, syslog
   * stamps in another year) can keep a chunk of text alive after most of its
   * lines were dropped. When such mostly-dead text adds up to a quarter of
   * what is held, the live lines' text is copied into new, dense blobs.
   */
  private compactIfSparse(): void {
    let sparseBytes = 0;
    const sparse = new Set<number>();
    for (const [id, blob] of this.blobs) {
      if (blob.refs * 4 < blob.initial) {
        sparse.add(id);
        sparseBytes += blob.length;
      }
    }
    if (sparseBytes < Math.max(1 << 20, this.approxBytes / 4)) return;
    // Each sparse blob's live lines, in position order: one new text each.
    const slots = new Map<number, number[]>();
    for (let pos = 0; pos < this.count; pos++) {
      const idx = this.head + pos;
      const id = this.chunks[idx >>> BITS]!.blob[idx & MASK]!;
      if (sparse.has(id)) {
        let list = slots.get(id);
        if (!list) slots.set(id, (list = []));
        list.push(pos);
      }
    }
    for (const [id, positions] of slots) {
      const old = this.blobs.get(id)!;
      // join() copies: the new text does not point into the old one.
      const pieces = positions.map((pos) => {
        const idx = this.head + pos;
        const chunk = this.chunks[idx >>> BITS]!;
        return old.text.slice(chunk.start[idx & MASK], chunk.end[idx & MASK]);
      });
      const fresh = this.blob(pieces.join('\n'), positions.length);
      this.blobs.get(fresh)!.initial = positions.length;
      let at = 0;
      positions.forEach((pos, k) => {
        const idx = this.head + pos;
        const chunk = this.chunks[idx >>> BITS]!;
        const off = idx & MASK;
        chunk.blob[off] = fresh;
        chunk.start[off] = at;
        chunk.end[off] = at + pieces[k]!.length;
        at += pieces[k]!.length + 1;
      });
      this.blobs.delete(id);
      this.approxBytes -= old.length + 24;
    }
  }

  timeAt(pos: number): number {
    const idx = this.head + pos;
    return this.chunks[idx >>> BITS]!.time[idx & MASK]!;
  }

  /** The first position whose time is >= t (lines are in time order, bar a late line placed at the merge window's start). */
  private lowerBoundTime(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private upperBoundTime(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A scanned entry's strings, parsed from its text with the parser that took it. */
  private reparse(text: string, kind: number): Parsed {
    const lines = entryLines(text);
    const parser = this.reparser;
    parser.lastKind = PARSER_KINDS[kind];
    const e = parser.parse(lines[0]!);
    return { text: e.text, raw: e.raw, fields: e.fields, extra: lines.length > 1 ? lines.slice(1) : undefined };
  }

  /** The strings of the line at chunk[off], whichever way they are held. */
  private parsedAt(chunk: Chunk, off: number): Parsed {
    const id = chunk.blob[off]!;
    if (id === NO_BLOB) {
      const e = chunk.detail[off]!;
      return { text: e.text, raw: e.raw, fields: e.fields, extra: e.extra };
    }
    return this.reparse(this.blobs.get(id)!.text.slice(chunk.start[off], chunk.end[off]), chunk.kind[off]!);
  }

  /** The line at a position, as the renderer gets it. */
  line(pos: number): LogLine {
    const idx = this.head + pos;
    const chunk = this.chunks[idx >>> BITS]!;
    const off = idx & MASK;
    const parsed = this.parsedAt(chunk, off);
    const line: LogLine = {
      seq: this.droppedTotal + pos,
      time: shownTime(chunk, off),
      timed: (chunk.flags[off]! & FLAG_TIMED) !== 0,
      source: this.sourceInfo[chunk.source[off]!]!.id,
      level: LEVELS[chunk.level[off]!]!,
      format: this.formats[chunk.format[off]!]!,
      text: parsed.text,
    };
    if (parsed.extra) line.extra = parsed.extra;
    if (parsed.fields) line.fields = parsed.fields;
    return line;
  }

  /** The raw line at a position (with ANSI), for tests and export. */
  rawAt(pos: number): string {
    const idx = this.head + pos;
    const chunk = this.chunks[idx >>> BITS]!;
    const off = idx & MASK;
    const id = chunk.blob[off]!;
    if (id === NO_BLOB) return chunk.detail[off]!.raw;
    return entryLines(this.blobs.get(id)!.text.slice(chunk.start[off], chunk.end[off]))[0]!;
  }

  private compiled(filter: FilterInput): Compiled {
    return compileFilter(filter);
  }

  /** The filter's index, brought up to date: dropped lines forgotten, new lines tested. */
  private index(compiled: Compiled): FilterIndex {
    let index = this.indexes.get(compiled.key);
    if (index) {
      this.indexes.delete(compiled.key);
    } else {
      index = new FilterIndex(compiled, this.droppedTotal);
      while (this.indexes.size >= this.cachedFilters) this.indexes.delete(this.indexes.keys().next().value!);
    }
    this.indexes.set(compiled.key, index);
    index.dropBefore(this.droppedTotal);
    const endSeq = this.droppedTotal + this.count;
    if (index.upTo < endSeq) {
      this.scan(index, index.upTo - this.droppedTotal, this.count);
      index.upTo = endSeq;
    }
    return index;
  }

  /** Test positions [from, to) against the index's filter, pushing matches. One pass, no allocation per line. */
  private scan(index: FilterIndex, from: number, to: number): void {
    const f = index.compiled;
    if (f.from !== undefined) from = Math.max(from, this.lowerBoundTime(f.from));
    // A line kept in place is ordered up to a second after the time it says.
    if (f.to !== undefined) to = Math.min(to, this.upperBoundTime(f.to + 999));
    let sourceMask: Uint8Array | undefined;
    if (f.sources) {
      sourceMask = new Uint8Array(this.sourceInfo.length + 1);
      for (const [id, i] of this.sourceIndex) if (f.sources.has(id)) sourceMask[i] = 1;
    }
    const { include, exclude, levelMask, fields } = f;
    const tFrom = f.from ?? -Infinity;
    const tTo = f.to ?? Infinity;
    const base = this.droppedTotal;
    const firstSeq = this.droppedTotal;
    for (const search of include) search.reset();
    for (const search of exclude) search.reset();
    let blobId = NO_BLOB;
    let blob: Blob | undefined;
    let pos = from;
    while (pos < to) {
      const idx = this.head + pos;
      const chunk = this.chunks[idx >>> BITS]!;
      let off = idx & MASK;
      const stop = Math.min(CHUNK, off + (to - pos));
      const { time, source, level, flags } = chunk;
      for (; off < stop; off++, pos++) {
        if (sourceMask && sourceMask[source[off]!] !== 1) continue;
        if (levelMask && levelMask[level[off]!] !== 1) continue;
        const t = flags[off]! & FLAG_COARSE ? Math.floor(time[off]! / 1000) * 1000 : time[off]!;
        if (t < tFrom || t > tTo) continue;
        if (fields.length) {
          const values = this.parsedAt(chunk, off).fields;
          if (!values) continue;
          let ok = true;
          for (const field of fields) {
            const value = values[field.key];
            if (value === undefined || (field.value !== undefined && value !== field.value)) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
        }
        if (include.length || exclude.length) {
          const id = chunk.blob[off]!;
          if (id !== blobId) {
            blobId = id;
            blob = id === NO_BLOB ? undefined : this.blobs.get(id);
          }
          let ok = true;
          for (const search of include) {
            if (!slotMatches(search, chunk, off, blob)) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
          for (const search of exclude) {
            if (slotMatches(search, chunk, off, blob)) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
        }
        index.push(base + pos, firstSeq);
      }
    }
    for (const search of include) search.reset();
    for (const search of exclude) search.reset();
  }

  /** How many lines match, and a way to walk them: positions by match index. */
  private matching(filter: FilterInput): { compiled: Compiled; count: number; pos: (i: number) => number } {
    const compiled = this.compiled(filter);
    if (compiled.error) return { compiled, count: 0, pos: (i) => i };
    if (compiled.all) return { compiled, count: this.count, pos: (i) => i };
    const index = this.index(compiled);
    const base = this.droppedTotal;
    return { compiled, count: index.count, pos: (i) => index.seqAt(i) - base };
  }

  /** Matched lines from `offset` (negative: from the end), at most `limit`. */
  window(filter: FilterInput, offset: number, limit: number): LogWindow {
    const { compiled, count, pos } = this.matching(filter);
    if (compiled.error) return { offset: 0, lines: [], matched: 0, total: this.count, filterError: compiled.error };
    const start = Math.min(count, Math.max(0, offset < 0 ? count + offset : offset));
    const end = Math.min(count, start + Math.max(0, limit));
    const lines: LogLine[] = [];
    for (let i = start; i < end; i++) lines.push(this.line(pos(i)));
    return { offset: start, lines, matched: count, total: this.count };
  }

  /** Matched lines per time bucket and level; buckets are a readable width (1 s, 5 min…), at most `buckets` of them. */
  histogram(filter: FilterInput, buckets: number): Histogram {
    const { compiled, count, pos } = this.matching(filter);
    if (compiled.error || count === 0) return { from: compiled.from ?? 0, bucketMs: 1, counts: [] };
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < count; i++) {
      const idx = this.head + pos(i);
      const t = shownTime(this.chunks[idx >>> BITS]!, idx & MASK);
      if (t < min) min = t;
      if (t > max) max = t;
    }
    if (compiled.from !== undefined) min = compiled.from;
    if (compiled.to !== undefined) max = Math.max(min, compiled.to);
    const wanted = Math.max(1, Math.floor(buckets));
    const span = max - min + 1;
    const bucketMs = NICE_MS.find((ms) => Math.ceil((max - Math.floor(min / ms) * ms + 1) / ms) <= wanted) ?? Math.ceil(span / wanted / 86_400_000) * 86_400_000;
    const from = Math.floor(min / bucketMs) * bucketMs;
    const n = Math.max(1, Math.ceil((max - from + 1) / bucketMs));
    const tally = new Int32Array(n * LEVELS.length);
    for (let i = 0; i < count; i++) {
      const p = pos(i);
      const idx = this.head + p;
      const chunk = this.chunks[idx >>> BITS]!;
      const off = idx & MASK;
      const b = Math.min(n - 1, Math.max(0, Math.floor((shownTime(chunk, off) - from) / bucketMs)));
      tally[b * LEVELS.length + chunk.level[off]!]!++;
    }
    const counts: Record<string, number>[] = [];
    for (let b = 0; b < n; b++) {
      const bucket: Record<string, number> = {};
      for (let l = 0; l < LEVELS.length; l++) {
        const c = tally[b * LEVELS.length + l]!;
        if (c) bucket[LEVELS[l]!] = c;
      }
      counts.push(bucket);
    }
    return { from, bucketMs, counts };
  }

  /**
   * Write every matched line to `file`: `ISO-time source-label raw`, ANSI
   * stripped, continuation lines after their entry with the same prefix.
   * Respects the stream's backpressure; lines dropped while it writes are
   * skipped. Returns the number of entries written.
   */
  async exportTo(filter: FilterInput, file: string): Promise<number> {
    const { compiled, count, pos } = this.matching(filter);
    if (compiled.error) throw new Error(`filter ${compiled.error.index + 1}: ${compiled.error.message}`);
    // Seqs now: later merges may move a few of the newest, drops are skipped.
    const seqs = new Float64Array(count);
    for (let i = 0; i < count; i++) seqs[i] = this.droppedTotal + pos(i);
    const out = createWriteStream(file, { encoding: 'utf8' });
    const failed = new Promise<never>((_resolve, reject) => out.once('error', reject));
    failed.catch(() => undefined);
    let written = 0;
    try {
      let buffer = '';
      for (let i = 0; i < count; i++) {
        const p = seqs[i]! - this.droppedTotal;
        if (p < 0 || p >= this.count) continue;
        const idx = this.head + p;
        const chunk = this.chunks[idx >>> BITS]!;
        const off = idx & MASK;
        const prefix = `${new Date(shownTime(chunk, off)).toISOString()} ${this.sourceInfo[chunk.source[off]!]!.label} `;
        const id = chunk.blob[off]!;
        if (id === NO_BLOB) {
          const entry = chunk.detail[off]!;
          buffer += prefix + plain(entry.raw) + '\n';
          if (entry.extra) for (const line of entry.extra) buffer += prefix + plain(line) + '\n';
        } else for (const line of entryLines(this.blobs.get(id)!.text.slice(chunk.start[off], chunk.end[off]))) buffer += prefix + plain(line) + '\n';
        written++;
        if (buffer.length >= 1 << 16) {
          const more = out.write(buffer);
          buffer = '';
          if (!more) await Promise.race([once(out, 'drain'), failed]);
        }
      }
      if (buffer) out.write(buffer);
      await Promise.race([new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve()))), failed]);
    } catch (error) {
      out.destroy();
      throw error;
    }
    return written;
  }
}
