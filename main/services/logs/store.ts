// One log view's lines, held in main: columnar chunks (typed arrays for time,
// source, level, format and flags; plain arrays for the strings), kept merged
// by time across sources, capped (the oldest chunk goes whole), and filtered
// through an incremental index per filter so a screenful, a histogram or an
// export over millions of lines never re-tests lines already tested.
//
// Positions and seqs: a line's position is its index in the merged order now;
// its seq is `firstSeq + position`, where firstSeq counts the lines dropped
// from the front. Seqs only move for the few newest lines when a line that
// arrived late is merged in before them.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { LogFilter, type Histogram, type LogLevel, type LogLine, type LogWindow } from '../../../shared/contract/logs';
import { stripAnsi } from '../../../shared/logs/parse';

export const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown'];
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
/** Source indexes are Uint16: past this, new sources share the last slot. */
const MAX_SOURCES = 0xffff;
/** An untimed line takes its source's last time if that came this recently (a continuation of a burst), else arrival time. */
const INHERIT_MS = 5000;
const MAX_FIELD_KEYS = 200;
/** Bytes per line held besides its strings: typed columns and array slots. */
const FIXED_BYTES = 8 + 2 + 1 + 1 + 1 + 4 * 8;

class Chunk {
  readonly time = new Float64Array(CHUNK);
  readonly source = new Uint16Array(CHUNK);
  readonly level = new Uint8Array(CHUNK);
  readonly format = new Uint8Array(CHUNK);
  readonly flags = new Uint8Array(CHUNK);
  // Filled with undefined up front so the arrays stay packed (fast) as slots are written in any order.
  readonly text: (string | undefined)[] = new Array<string | undefined>(CHUNK).fill(undefined);
  readonly raw: (string | undefined)[] = new Array<string | undefined>(CHUNK).fill(undefined);
  readonly fields: (Record<string, string> | undefined)[] = new Array<Record<string, string> | undefined>(CHUNK).fill(undefined);
  readonly extra: (string[] | undefined)[] = new Array<string[] | undefined>(CHUNK).fill(undefined);
}

interface SourceInfo {
  id: string;
  label: string;
  lastTime: number;
  lastTimedAt: number;
}

/** A filter made ready to test lines: everything compiled once. */
interface Compiled {
  key: string;
  /** No condition at all: every line matches, no index needed. */
  all: boolean;
  error?: { index: number; message: string };
  include: RegExp[];
  exclude: RegExp[];
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
      const re = new RegExp(t.regex ? t.text : escapeRegExp(t.text), t.caseSensitive ? '' : 'i');
      (t.exclude ? compiled.exclude : compiled.include).push(re);
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
      this.sourceInfo[index] = { id: index === MAX_SOURCES ? 'other' : id, label: index === MAX_SOURCES ? 'other' : label, lastTime: 0, lastTimedAt: -Infinity };
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
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.time !== undefined && Number.isFinite(entry.time)) {
        times[i] = entry.time;
        if (entry.timed !== false) {
          info.lastTime = entry.time;
          info.lastTimedAt = now;
        }
      } else times[i] = now - info.lastTimedAt < INHERIT_MS ? info.lastTime : now;
      this.noteEntry(entry);
    }
    let i = 0;
    // The common case: in order after the newest line.
    let last = this.count > 0 ? this.timeAt(this.count - 1) : -Infinity;
    for (; i < entries.length; i++) {
      if (times[i]! < last) break;
      this.write(this.count, sourceIndex, times[i]!, entries[i]!);
      this.count++;
      last = times[i]!;
    }
    if (i < entries.length) this.merge(sourceIndex, entries, times, i);
    if (this.count > this.maxLines) this.drop(this.count - this.maxLines);
  }

  private noteEntry(entry: StoreEntry): void {
    this.approxBytes += entryBytes(entry.raw, entry.text, entry.fields, entry.extra);
    if (entry.fields && this.fieldKeySet.size < MAX_FIELD_KEYS) {
      for (const key in entry.fields) {
        if (!this.fieldKeySet.has(key)) {
          this.fieldKeySet.add(key);
          this.fieldsVersion++;
          if (this.fieldKeySet.size === MAX_FIELD_KEYS) break;
        }
      }
    }
  }

  /** Merge entries[from..] (one source, going back in time) into the newest lines, moving only lines after the insertion point. */
  private merge(sourceIndex: number, entries: readonly StoreEntry[], times: Float64Array, from: number): void {
    const order: number[] = [];
    for (let i = from; i < entries.length; i++) order.push(i);
    // A source is in its own order nearly always; sort (stably) only when it is not.
    for (let i = 1; i < order.length; i++) {
      if (times[order[i]!]! < times[order[i - 1]!]!) {
        order.sort((a, b) => times[a]! - times[b]! || a - b);
        break;
      }
    }
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
        this.move(i, w);
        i--;
      } else {
        this.write(w, sourceIndex, t, entries[order[j]!]!);
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

  private write(pos: number, sourceIndex: number, time: number, entry: StoreEntry): void {
    const chunk = this.chunkAt(pos);
    const off = (this.head + pos) & MASK;
    chunk.time[off] = time;
    chunk.source[off] = sourceIndex;
    chunk.level[off] = LEVEL_INDEX.get(entry.level) ?? UNKNOWN_LEVEL;
    chunk.format[off] = this.format(entry.format);
    chunk.flags[off] = entry.time !== undefined && Number.isFinite(entry.time) && entry.timed !== false ? FLAG_TIMED : 0;
    chunk.text[off] = entry.text;
    chunk.raw[off] = entry.raw;
    chunk.fields[off] = entry.fields;
    chunk.extra[off] = entry.extra?.length ? entry.extra : undefined;
  }

  private move(from: number, to: number): void {
    const a = this.chunkAt(from);
    const i = (this.head + from) & MASK;
    const b = this.chunkAt(to);
    const j = (this.head + to) & MASK;
    b.time[j] = a.time[i]!;
    b.source[j] = a.source[i]!;
    b.level[j] = a.level[i]!;
    b.format[j] = a.format[i]!;
    b.flags[j] = a.flags[i]!;
    b.text[j] = a.text[i];
    b.raw[j] = a.raw[i];
    b.fields[j] = a.fields[i];
    b.extra[j] = a.extra[i];
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
      for (let k = 0; k < CHUNK; k++) this.approxBytes -= entryBytes(gone.raw[k]!, gone.text[k]!, gone.fields[k], gone.extra[k]);
      // Reused for the next chunk: its strings let go, its typed arrays kept.
      gone.text.fill(undefined);
      gone.raw.fill(undefined);
      gone.fields.fill(undefined);
      gone.extra.fill(undefined);
      this.spare = gone;
    }
    for (const index of this.indexes.values()) index.dropBefore(this.droppedTotal);
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

  /** The line at a position, as the renderer gets it. */
  line(pos: number): LogLine {
    const idx = this.head + pos;
    const chunk = this.chunks[idx >>> BITS]!;
    const off = idx & MASK;
    const line: LogLine = {
      seq: this.droppedTotal + pos,
      time: chunk.time[off]!,
      timed: (chunk.flags[off]! & FLAG_TIMED) !== 0,
      source: this.sourceInfo[chunk.source[off]!]!.id,
      level: LEVELS[chunk.level[off]!]!,
      format: this.formats[chunk.format[off]!]!,
      text: chunk.text[off]!,
    };
    const extra = chunk.extra[off];
    if (extra) line.extra = extra;
    const fields = chunk.fields[off];
    if (fields) line.fields = fields;
    return line;
  }

  /** The raw line at a position (with ANSI), for tests and export. */
  rawAt(pos: number): string {
    const idx = this.head + pos;
    return this.chunks[idx >>> BITS]!.raw[idx & MASK]!;
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
    if (f.to !== undefined) to = Math.min(to, this.upperBoundTime(f.to));
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
    let pos = from;
    while (pos < to) {
      const idx = this.head + pos;
      const chunk = this.chunks[idx >>> BITS]!;
      let off = idx & MASK;
      const stop = Math.min(CHUNK, off + (to - pos));
      const { time, source, level, raw, extra } = chunk;
      for (; off < stop; off++, pos++) {
        if (sourceMask && sourceMask[source[off]!] !== 1) continue;
        if (levelMask && levelMask[level[off]!] !== 1) continue;
        const t = time[off]!;
        if (t < tFrom || t > tTo) continue;
        if (fields.length) {
          const values = chunk.fields[off];
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
          const line = raw[off]!;
          const more = extra[off];
          let ok = true;
          for (const re of include) {
            if (!textMatches(re, line, more)) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
          for (const re of exclude) {
            if (textMatches(re, line, more)) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
        }
        index.push(base + pos, firstSeq);
      }
    }
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
      const t = this.timeAt(pos(i));
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
      const b = Math.min(n - 1, Math.max(0, Math.floor((chunk.time[off]! - from) / bucketMs)));
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
        const prefix = `${new Date(chunk.time[off]!).toISOString()} ${this.sourceInfo[chunk.source[off]!]!.label} `;
        buffer += prefix + plain(chunk.raw[off]!) + '\n';
        const extra = chunk.extra[off];
        if (extra) for (const line of extra) buffer += prefix + plain(line) + '\n';
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
