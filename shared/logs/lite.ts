// The load-time scanner: for a chunk of text (whole lines), only what a log
// store needs to order, count and filter entries — where each entry starts
// and ends (stack traces stay with their line), its time, level and format —
// without building the message, the fields or a string per continuation line.
// Those come later, from EntryParser, for the few lines that are shown.
//
// It must AGREE with EntryParser (same times, levels, formats, boundaries):
// it drives an EntryParser's own multi-line state and "last parser" choice,
// and its fast paths below reproduce the parsers' decisions for the common
// shapes (flat JSON, logfmt, ISO-led Java/logback, nginx/apache access). A
// fast path answers UNSURE for anything else, and the real parser takes the
// line. lite.test.ts checks the agreement on the parser's samples and on the
// benchmark's generated lines.
import type { LogLevel } from '../contract/logs';
import { BAIL, DONE, FAST_FORMATS, type FastScanner, fastScanner, S } from './fast/fast';
import { daysFromCivil, EntryParser, isDigit, isKeyStart, JSON_LEVEL, JSON_TIME, jsonLevel, lastTimeEnd, levelAt, levelInMessage, levelOf, MAX_EXTRA, monthAt, parseClfAt, parseClock, parseIso, type ParserKind, skipSpaces, timeValue, wordEnd } from './parse';

/** Level order of the store's level column. */
export const LEVEL_ORDER: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown'];
const LEVEL_CODE: ReadonlyMap<string, number> = new Map(LEVEL_ORDER.map((level, i) => [level, i]));
const UNKNOWN = LEVEL_ORDER.indexOf('unknown');

/** The parser kinds as small numbers (0: none; plain lines), so a store can keep which parser took a line and parse it again the same way. */
export const PARSER_KINDS: readonly (ParserKind | undefined)[] = [undefined, 'json', 'pri', 'timestamped', 'access', 'klog', 'syslog', 'python', 'logfmt'];
const KIND_CODE = new Map(PARSER_KINDS.map((kind, i) => [kind, i]));

// Formats by code, for the WebAssembly scanner's state: its own first (fast.ts), then any other a parser gives, numbered as met.
const FORMAT_NAMES: string[] = [...FAST_FORMATS];
const FORMAT_CODE = new Map(FORMAT_NAMES.map((name, i) => [name, i]));
function formatCode(name: string): number {
  let code = FORMAT_CODE.get(name);
  if (code === undefined) {
    code = FORMAT_NAMES.push(name) - 1;
    FORMAT_CODE.set(name, code);
  }
  return code;
}

// What the parsers without a fast path need at the start of a line (parseKlog, parsePythonShort).
const KLOG_START = /^[IWEF]\d{4} /;
const PYTHON_START = /^(?:CRITICAL|FATAL|ERROR|WARNING|WARN|INFO|DEBUG|NOTSET):/;

const ACCEPT = 1;
const REJECT = 0;
const UNSURE = -1;

/**
 * A chunk's text that is read only when asked: a stretch of a local file,
 * which the store can keep as an offset into the file, as lnav does, instead
 * of a copy made at load. Only ever plain ASCII with no CR and no ESC (what
 * the WebAssembly scanner takes), so its length in bytes is its length in
 * characters. `text()` may read the file, and should keep what it read.
 */
export interface LazyText {
  readonly length: number;
  text(): string;
  /** Told when a scanner kept the chunk as it is (its text will be asked for later); one it decoded instead is never asked for. */
  kept?(): void;
}

/** Decodes the rare lines read from a lazy chunk's bytes (ASCII: one byte, one character). */
const ascii = new TextDecoder();

/** Entries found in one chunk of text, as columns. */
export class ScanBatch {
  /** The chunk the offsets point into: a string, or a LazyText when the chunk came as bytes to be read again later. */
  text: string | LazyText = '';
  /** A lazy chunk's bytes, good only until the next push (they are a read buffer): to read a few lines without reading the chunk again. */
  bytes: Uint8Array | undefined;
  count = 0;
  /** [start, end) of each entry in `text`: its first line and its continuation lines, '\n'-separated (CR LF lines keep their CR). */
  start = new Int32Array(256);
  end = new Int32Array(256);
  /** Epoch ms, NaN when the line has none. */
  time = new Float64Array(256);
  /** Index in LEVEL_ORDER. */
  level = new Uint8Array(256);
  /** Index in PARSER_KINDS: the parser that took the first line. */
  kind = new Uint8Array(256);
  format: string[] = [];
  /** Entries that began in an earlier chunk: their whole raw text, by index (start/end are -1). */
  own = new Map<number, string>();

  reset(text: string | LazyText, bytes?: Uint8Array): void {
    this.text = text;
    this.bytes = bytes;
    this.count = 0;
    this.format.length = 0;
    this.own.clear();
  }

  push(start: number, end: number, time: number, level: number, kind: number, format: string): number {
    const i = this.count;
    if (i === this.start.length) this.grow();
    this.start[i] = start;
    this.end[i] = end;
    this.time[i] = time;
    this.level[i] = level;
    this.kind[i] = kind;
    this.format[i] = format;
    this.count = i + 1;
    return i;
  }

  /** Room for `k` more entries, counted in; returns the index of the first (the caller fills every column). */
  reserve(k: number): number {
    const i = this.count;
    while (this.start.length < i + k) this.grow();
    this.count = i + k;
    return i;
  }

  private grow(): void {
    const n = this.start.length * 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.start = grow(this.start, (k) => new Int32Array(k));
    this.end = grow(this.end, (k) => new Int32Array(k));
    this.time = grow(this.time, (k) => new Float64Array(k));
    this.level = grow(this.level, (k) => new Uint8Array(k));
    this.kind = grow(this.kind, (k) => new Uint8Array(k));
  }
}

/** A chunk the WebAssembly scanner takes: slices of it as strings, decoded from its bytes when it came lazy. */
class ChunkText {
  private decoded: string | undefined;
  constructor(
    private readonly text: string | LazyText,
    private readonly bytes: Uint8Array,
  ) {
    if (typeof text === 'string') this.decoded = text;
  }

  get length(): number {
    return this.bytes.length;
  }

  slice(start: number, end: number): string {
    return this.decoded !== undefined ? this.decoded.slice(start, end) : ascii.decode(this.bytes.subarray(start, end));
  }

  /** The whole chunk as a string (a line handed back to the TypeScript scanner). */
  whole(): string {
    return (this.decoded ??= ascii.decode(this.bytes));
  }
}

/** What a fast path found for one line. */
interface Found {
  time: number;
  level: LogLevel;
  format: string;
}

/**
 * Splits text into entries the way EntryParser.push groups lines, keeping
 * only offsets and the columns. Feed it chunks of whole lines; an entry still
 * open at a chunk's end (a stack trace may go on) is completed by the next
 * chunk or by flush().
 */
export class LineScanner {
  readonly parser: EntryParser;
  private readonly found: Found = { time: NaN, level: 'unknown', format: 'plain' };
  // The open entry: where it starts in the current chunk (-1: in an earlier one, kept in `carry`), its columns, its continuation count.
  private open = false;
  private openStart = 0;
  private openEnd = 0;
  private carry = '';
  private openTime = NaN;
  private openLevel = 0;
  private openKind = 0;
  private openFormat = 'plain';
  private extra = 0;
  /** Chunks the WebAssembly scanner took, and the lines it handed back to the TypeScript (for tests and diagnostics). */
  readonly fastCounts = { chunks: 0, handedBack: 0 };
  constructor(options?: { year?: number }) {
    this.parser = new EntryParser(options);
  }

  /** Whether an entry is open (waiting for possible continuation lines). */
  get pending(): boolean {
    return this.open;
  }

  /**
   * Scan `text` (whole lines; a final newline optional) into `out` (reset to
   * this text): the entries it completes. With `bytes` (the same text, as the
   * UTF-8 it was decoded from) a plain ASCII chunk is scanned by the
   * WebAssembly scanner (fast/scan.c), which hands back any line it is not
   * sure of; the entries are the same either way.
   */
  push(text: string, out: ScanBatch, bytes?: Uint8Array): void;
  /**
   * A chunk given as its bytes (UTF-8), with a LazyText that can read it
   * again: when the WebAssembly scanner takes it (plain ASCII, no CR, no ESC),
   * no string is made for it here, the batch's text is the LazyText and it is
   * told it was kept; else the bytes are decoded and scanned as text.
   */
  push(text: LazyText, out: ScanBatch, bytes: Uint8Array): void;
  push(text: string | LazyText, out: ScanBatch, bytes?: Uint8Array): void {
    if (this.open) this.openStart = -1;
    const fast = bytes !== undefined && bytes.length === text.length ? fastScanner() : null;
    if (fast !== null && fast.load(bytes!)) {
      this.fastCounts.chunks++;
      const chunk = new ChunkText(text, bytes!);
      out.reset(text, typeof text === 'string' ? undefined : bytes);
      if (typeof text !== 'string') text.kept?.();
      this.pushFast(fast, chunk, out);
      if (this.open && this.openStart >= 0) this.carry = chunk.slice(this.openStart, this.openEnd);
      return;
    }
    const whole = typeof text === 'string' ? text : ascii.decode(bytes);
    out.reset(whole);
    this.lines(whole, 0, out, false);
    // Still open: it may go on in the next chunk, so keep its text.
    if (this.open && this.openStart >= 0) this.carry = whole.slice(this.openStart, this.openEnd);
  }

  /** The lines of `text` from `pos` (only the one there when `one`); returns where the next line starts. */
  private lines(text: string, pos: number, out: ScanBatch, one: boolean): number {
    const n = text.length;
    const parser = this.parser;
    while (pos < n) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) nl = n;
      let e = nl;
      if (e > pos && text.charCodeAt(e - 1) === 13) e--;
      // A sliced string: no copy, and every check below reads a line that ends where the line ends.
      const line = text.substring(pos, e);
      if (this.open && parser.continues(line) && this.extra < MAX_EXTRA) {
        this.extra++;
        if (this.openStart < 0) this.carry += '\n' + line;
        else this.openEnd = e;
      } else {
        if (this.open) this.close(out);
        this.classify(line);
        parser.begin(line);
        this.open = true;
        this.openStart = pos;
        this.openEnd = e;
        this.extra = 0;
      }
      pos = nl + 1;
      if (one) break;
    }
    return pos;
  }

  /** The chunk (already in the WebAssembly memory) through scan.c, taking the lines it hands back one at a time. */
  private pushFast(fast: FastScanner, text: ChunkText, out: ScanBatch): void {
    const n = text.length;
    const st = fast.state;
    const parser = this.parser;
    let pos = 0;
    for (;;) {
      st[S.Open] = this.open ? 1 : 0;
      st[S.OpenStart] = this.openStart;
      st[S.OpenEnd] = this.openEnd;
      st[S.PreFrom] = -1;
      st[S.PreEnd] = -1;
      st[S.OpenTime] = this.openTime;
      st[S.OpenLevel] = this.openLevel;
      st[S.OpenKind] = this.openKind;
      st[S.OpenFormat] = formatCode(this.openFormat);
      st[S.Extra] = this.extra;
      st[S.LastKind] = KIND_CODE.get(parser.lastKind)!;
      st[S.LastDated] = parser.lastDated;
      st[S.Mode] = parser.mode;
      st[S.LastIndented] = parser.lastIndented ? 1 : 0;
      st[S.GuessYear] = parser.guessYear ? 1 : 0;
      st[S.Year] = parser.year;
      st[S.Now] = parser.now;
      const stop = fast.scan(pos, n);
      // Continuation lines of an entry begun in an earlier chunk join its carried text first (it may be among those completed).
      if (this.open && this.openStart < 0 && st[S.PreEnd]! >= 0) this.carry += '\n' + text.slice(st[S.PreFrom]!, st[S.PreEnd]!);
      const count = st[S.Count]!;
      if (count > 0) {
        // Column by column out of the WebAssembly memory.
        const base = out.reserve(count);
        out.start.set(fast.outStart.subarray(0, count), base);
        out.end.set(fast.outEnd.subarray(0, count), base);
        out.time.set(fast.outTime.subarray(0, count), base);
        out.level.set(fast.outLevel.subarray(0, count), base);
        out.kind.set(fast.outKind.subarray(0, count), base);
        const { outFormat, outStart } = fast;
        const format = out.format;
        for (let i = 0; i < count; i++) {
          format[base + i] = FORMAT_NAMES[outFormat[i]!]!;
          if (outStart[i]! < 0) {
            out.own.set(base + i, this.carry);
            this.carry = '';
          }
        }
      }
      this.open = st[S.Open] === 1;
      this.openStart = st[S.OpenStart]!;
      this.openEnd = st[S.OpenEnd]!;
      this.openTime = st[S.OpenTime]!;
      this.openLevel = st[S.OpenLevel]!;
      this.openKind = st[S.OpenKind]!;
      this.openFormat = FORMAT_NAMES[st[S.OpenFormat]!]!;
      this.extra = st[S.Extra]!;
      parser.lastKind = PARSER_KINDS[st[S.LastKind]!];
      parser.lastDated = st[S.LastDated]!;
      parser.mode = st[S.Mode]!;
      parser.lastIndented = st[S.LastIndented] === 1;
      const status = st[S.Status];
      if (status === DONE) return;
      if (status === BAIL) this.fastCounts.handedBack++;
      pos = status === BAIL ? this.lines(text.whole(), stop, out, true) : stop;
      if (pos >= n) return;
    }
  }

  /** Complete the open entry (the source went quiet or ended). */
  flush(out: ScanBatch): void {
    out.reset('');
    if (!this.open) return;
    this.openStart = -1;
    this.close(out);
    this.parser.reset();
  }

  private close(out: ScanBatch): void {
    this.open = false;
    const i = out.push(this.openStart, this.openStart < 0 ? -1 : this.openEnd, this.openTime, this.openLevel, this.openKind, this.openFormat);
    if (this.openStart < 0) {
      out.own.set(i, this.carry);
      this.carry = '';
    }
  }

  /** Time, level and format of a line that starts an entry; the parser's own parse when no fast path is sure. */
  private classify(line: string): void {
    const parser = this.parser;
    const f = this.found;
    let verdict = UNSURE;
    let kind: ParserKind | undefined;
    if (line.indexOf('\x1b') < 0) {
      const last = parser.lastKind;
      if (last !== undefined) {
        verdict = this.fast(last, line);
        if (verdict === ACCEPT) kind = last;
      }
      if (verdict === REJECT || last === undefined) {
        const d = this.detect(line);
        verdict = d === undefined ? UNSURE : ACCEPT;
        kind = d;
      }
    }
    if (verdict === ACCEPT) {
      parser.lastKind = kind;
      parser.noteDated(f.time, f.format);
      this.openTime = f.time;
      this.openLevel = LEVEL_CODE.get(f.level) ?? UNKNOWN;
      this.openFormat = f.format;
      this.openKind = KIND_CODE.get(kind)!;
      return;
    }
    const e = parser.parse(line);
    this.openTime = e.time ?? NaN;
    this.openLevel = LEVEL_CODE.get(e.level) ?? UNKNOWN;
    this.openFormat = e.format;
    this.openKind = e.format === 'plain' ? 0 : KIND_CODE.get(parser.lastKind)!;
  }

  /** detect()'s order over the fast paths; undefined when one of them is unsure or the line would be plain. */
  private detect(line: string): ParserKind | undefined {
    const c = line.charCodeAt(0);
    let v: number;
    if (c === 123) {
      v = this.fast('json', line);
      if (v !== REJECT) return v === ACCEPT ? 'json' : undefined;
    } else if (isDigit(c) || c === 91) {
      v = this.fast('timestamped', line);
      if (v !== REJECT) return v === ACCEPT ? 'timestamped' : undefined;
      v = this.fast('access', line);
      if (v !== REJECT) return v === ACCEPT ? 'access' : undefined;
    } else if (c >= 65 && c <= 90) {
      // klog ("I1125 …") is tried before syslog; the fast path leaves such lines to the parser.
      if (line.length > 20 && isDigit(line.charCodeAt(1))) return undefined;
      return this.fast('syslog', line) === ACCEPT ? 'syslog' : undefined;
    } else return isKeyStart(c) && c >= 97 && this.fast('logfmt', line) === ACCEPT ? 'logfmt' : undefined;
    // Nothing took it: plain, or a parser the fast paths do not cover; the real parser decides.
    return undefined;
  }

  private fast(kind: ParserKind, line: string): number {
    switch (kind) {
      case 'json':
        return liteJson(line, this.found);
      case 'logfmt':
        return liteLogfmt(line, this.found);
      case 'timestamped':
        return liteTimestamped(line, this.found);
      case 'access':
        return liteAccess(line, this.found);
      case 'syslog':
        return liteSyslog(line, this.parser.yearlessYear(), this.parser.yearlessNow(), this.found);
      // The parsers without a fast path: only whether they surely refuse the line (then detect() goes on).
      case 'klog':
        return KLOG_START.test(line) ? UNSURE : REJECT;
      case 'pri':
        return line.charCodeAt(0) === 60 ? UNSURE : REJECT;
      case 'python':
        return PYTHON_START.test(line) ? UNSURE : REJECT;
    }
  }
}

// ---------------------------------------------------------------- JSON

// Costs that shape the code below (V8, one-byte sliced lines): a
// charCodeAt costs ~2.5 ns and an indexOf call ~7 ns however far it looks, so
// long stretches (strings) are skipped with indexOf and each separator is read
// once; slicing a short string (a key, a level) costs an allocation and a hash.

/**
 * Keys looked up by their first character and length (then compared in
 * place), so a key is never sliced out of its line and most keys of a line
 * are told apart by one table read.
 */
class KeyTable {
  readonly keys: readonly string[];
  // Per (first character < 128, length < 32): the first key, then `next` chains keys sharing both.
  private readonly head = new Int8Array(128 * 32).fill(-1);
  private readonly next: Int8Array;

  constructor(keys: readonly string[]) {
    this.keys = keys;
    this.next = new Int8Array(keys.length).fill(-1);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      const slot = (key.charCodeAt(0) << 5) | key.length;
      this.next[k] = this.head[slot]!;
      this.head[slot] = k;
    }
  }

  /** The index of line[from, to) among the keys (first = line.charCodeAt(from)), -1 if none. */
  find(line: string, first: number, from: number, to: number): number {
    const len = to - from;
    // NaN (an empty key at the line's end) lands on slot 0, which holds no key.
    if (first >= 128 || len >= 32) return -1;
    for (let k = this.head[(first << 5) | len]!; k >= 0; k = this.next[k]!) if (line.startsWith(this.keys[k]!, from)) return k;
    return -1;
  }
}

// The keys parseJson reads; '__proto__' last, only to leave such lines to JSON.parse.
const JSON_KEYS = [...JSON_TIME, ...JSON_LEVEL, '@mt', '@m', '__proto__'];
const JSON_TABLE = new KeyTable(JSON_KEYS);
const AT_MT = JSON_KEYS.indexOf('@mt');
const AT_M = JSON_KEYS.indexOf('@m');
const PROTO = JSON_KEYS.indexOf('__proto__');
// Where each interesting key's value is in the line: start, end, and its type (string, number, other); valid for the keys whose bit is set in liteJson's `seen`.
const jsonStart = new Int32Array(JSON_KEYS.length);
const jsonEnd = new Int32Array(JSON_KEYS.length);
const jsonType = new Uint8Array(JSON_KEYS.length);
const T_STRING = 1;
const T_NUMBER = 2;
const T_OTHER = 3;

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** End of a JSON number at i, or -1 when it is not one JSON.parse takes. */
function jsonNumberEnd(s: string, i: number): number {
  if (s.charCodeAt(i) === 45) i++;
  let c = s.charCodeAt(i);
  if (c === 48) c = s.charCodeAt(++i);
  else if (c >= 49 && c <= 57) while (isDigit((c = s.charCodeAt(++i))));
  else return -1;
  if (c === 46) {
    if (!isDigit(s.charCodeAt(++i))) return -1;
    while (isDigit((c = s.charCodeAt(++i))));
  }
  if (c === 101 || c === 69) {
    const sign = s.charCodeAt(++i);
    if (sign === 43 || sign === 45) i++;
    if (!isDigit(s.charCodeAt(i))) return -1;
    while (isDigit(s.charCodeAt(++i)));
  }
  return i;
}

/**
 * A flat JSON object (string, number, true/false/null values) with no
 * backslash, tab or nested value: its time and level as parseJson finds them.
 * With no backslash, every quote delimits a string, so keys and string values
 * are found by jumping from quote to quote.
 */
function liteJson(line: string, out: Found): number {
  const n = line.length;
  if (line.charCodeAt(0) !== 123 || line.charCodeAt(n - 1) !== 125) return REJECT;
  // Escapes, and raw tabs or CRs inside strings (which JSON.parse refuses), are left to the parser.
  if (line.indexOf('\\') >= 0 || line.indexOf('\t') >= 0 || line.indexOf('\r') >= 0) return UNSURE;
  // Bit k: key k was found (a bit set instead of a table filled per line).
  let seen = 0;
  let i = 1;
  // `c` is always the character at i: each character between strings is read once.
  let c = line.charCodeAt(i);
  while (isJsonSpace(c)) c = line.charCodeAt(++i);
  for (;;) {
    // "key"
    if (c !== 34) return UNSURE;
    const keyStart = i + 1;
    const keyEnd = line.indexOf('"', keyStart);
    if (keyEnd < 0) return UNSURE;
    const k = JSON_TABLE.find(line, line.charCodeAt(keyStart), keyStart, keyEnd);
    if (k === PROTO) return UNSURE;
    i = keyEnd + 1;
    c = line.charCodeAt(i);
    while (isJsonSpace(c)) c = line.charCodeAt(++i);
    if (c !== 58) return UNSURE;
    c = line.charCodeAt(++i);
    while (isJsonSpace(c)) c = line.charCodeAt(++i);
    // value
    let vs = i;
    let ve: number;
    let type: number;
    if (c === 34) {
      vs = i + 1;
      ve = line.indexOf('"', vs);
      if (ve < 0) return UNSURE;
      i = ve + 1;
      type = T_STRING;
    } else if (c === 45 || isDigit(c)) {
      ve = jsonNumberEnd(line, i);
      if (ve < 0) return UNSURE;
      i = ve;
      type = T_NUMBER;
    } else if (c === 116 && line.startsWith('true', i)) {
      ve = i += 4;
      type = T_OTHER;
    } else if (c === 102 && line.startsWith('false', i)) {
      ve = i += 5;
      type = T_OTHER;
    } else if (c === 110 && line.startsWith('null', i)) {
      ve = i += 4;
      type = T_OTHER;
    } else return UNSURE;
    if (k >= 0) {
      // JSON.parse keeps the last of a repeated key; rare enough to leave to it.
      if ((seen & (1 << k)) !== 0) return UNSURE;
      seen |= 1 << k;
      jsonStart[k] = vs;
      jsonEnd[k] = ve;
      jsonType[k] = type;
    }
    c = line.charCodeAt(i);
    while (isJsonSpace(c)) c = line.charCodeAt(++i);
    if (c === 44) {
      c = line.charCodeAt(++i);
      while (isJsonSpace(c)) c = line.charCodeAt(++i);
      continue;
    }
    if (c === 125 && i === n - 1) break;
    return UNSURE;
  }
  let time: number | undefined;
  for (let k = 0; k < JSON_TIME.length && time === undefined; k++) {
    if ((seen & (1 << k)) === 0) continue;
    // An ISO string read in place: every position parseIso checks fails alike on the closing quote and past a string's end.
    if (jsonType[k] === T_STRING && jsonEnd[k]! > jsonStart[k]!) {
      const t = parseIso(line, jsonStart[k]!);
      if (!Number.isNaN(t)) {
        time = t;
        break;
      }
    }
    time = timeValue(jsonValue(line, k));
  }
  let level: LogLevel = 'unknown';
  for (let j = 0; j < JSON_LEVEL.length; j++) {
    const k = JSON_TIME.length + j;
    if ((seen & (1 << k)) === 0) continue;
    // A level word read in place (no slice): a word levelOf knows has no space for jsonLevel's trim() to remove.
    const named = jsonType[k] === T_STRING ? levelAt(line, jsonStart[k]!, jsonEnd[k]!) : undefined;
    level = named ?? jsonLevel(JSON_LEVEL[j]!, jsonValue(line, k));
    if (level !== 'unknown') break;
  }
  if (level === 'unknown' && (seen & ((1 << AT_MT) | (1 << AT_M))) !== 0) level = 'info';
  out.time = time ?? NaN;
  out.level = level;
  out.format = 'json';
  return ACCEPT;
}

/** The value JSON.parse would give for a recorded key (only ever asked for the few time and level keys). */
function jsonValue(line: string, k: number): unknown {
  const start = jsonStart[k]!;
  const end = jsonEnd[k]!;
  const type = jsonType[k];
  if (type === T_NUMBER && end - start <= 9) {
    // A short run of digits (a pino level: 30) added up in place; JSON's grammar has already refused leading zeros.
    let v = 0;
    let i = start;
    for (; i < end; i++) {
      const d = line.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === end) return v;
  }
  const text = line.slice(start, end);
  if (type === T_STRING) return text;
  if (type === T_NUMBER) return Number(text);
  return text === 'null' ? null : text === 'true';
}

// ---------------------------------------------------------------- logfmt

// The keys logfmtEntry reads, in its order of preference.
const LOGFMT_TIME = ['ts', 'time', 'timestamp', 't', '@timestamp'];
const LOGFMT_LEVEL = ['level', 'lvl', 'severity', 'levelname', 'at'];
const LOGFMT_KEYS = [...LOGFMT_TIME, ...LOGFMT_LEVEL];
const LOGFMT_TABLE = new KeyTable(LOGFMT_KEYS);
const NO_VALUE = -2;
const lfStart = new Int32Array(LOGFMT_KEYS.length);
const lfEnd = new Int32Array(LOGFMT_KEYS.length);

/** logfmtEntry(line, 0) reproduced: its acceptance, time and level, without a string per pair. */
function liteLogfmt(line: string, out: Found): number {
  const n = line.length;
  if (!isKeyStart(line.charCodeAt(0))) return REJECT;
  // logfmtEntry: no space, quote or tab before the first '='.
  let j = 0;
  for (; j < n; j++) {
    const c = line.charCodeAt(j);
    if (c === 61) break;
    if (c === 32 || c === 34 || c === 9) return REJECT;
  }
  if (j === n) return REJECT;
  for (let k = 0; k < LOGFMT_KEYS.length; k++) lfStart[k] = NO_VALUE;
  const verdict = line.indexOf('\\') < 0 && line.indexOf('\t') < 0 ? logfmtSimple(line) : logfmtGeneral(line);
  if (verdict !== ACCEPT) return verdict;
  let time: number | undefined;
  for (let k = 0; k < LOGFMT_TIME.length; k++) {
    if (lfStart[k] === NO_VALUE) continue;
    time = logfmtTime(line, lfStart[k]!, lfEnd[k]!);
    break;
  }
  let level: LogLevel = 'unknown';
  for (let k = LOGFMT_TIME.length; k < LOGFMT_KEYS.length; k++) {
    if (lfStart[k] === NO_VALUE) continue;
    level = levelAt(line, lfStart[k]!, lfEnd[k]!) ?? 'unknown';
    break;
  }
  out.time = time ?? NaN;
  out.level = level;
  out.format = 'logfmt';
  return ACCEPT;
}

/**
 * timeValue(line.slice(start, end)), the ISO case read in place. A value ends
 * at a space, quote, tab or the line's end (or is empty), and each of those
 * fails every check parseIso makes past the value as a missing character does
 * — but for a space taken between date and clock, or before "UTC": a parse
 * that read past the value is done again on the slice.
 */
function logfmtTime(line: string, start: number, end: number): number | undefined {
  const t = parseIso(line, start);
  if (!Number.isNaN(t) && lastTimeEnd() <= end) return t;
  return timeValue(line.slice(start, end));
}

/** Note where a key logfmtEntry reads has its value (the last one wins, as in its object). */
function noteLogfmt(k: number, start: number, end: number): void {
  if (k < 0) return;
  lfStart[k] = start;
  lfEnd[k] = end;
}

/**
 * logfmtPairs for a line without backslashes or tabs: ACCEPT or REJECT as it
 * decides. A key runs to the first '=', space or quote, and an unquoted value
 * to the next space: each found with one indexOf rather than read character by
 * character. Quotes are rare outside quoted values, so the next one is looked
 * for again only once passed.
 */
function logfmtSimple(line: string): number {
  const n = line.length;
  let pairs = 0;
  let bare = 0;
  let i = 0;
  let quote = -1;
  while (i < n) {
    let c = line.charCodeAt(i);
    while (c === 32) c = line.charCodeAt(++i);
    if (i >= n) break;
    const keyStart = i;
    let space = line.indexOf(' ', i);
    if (space < 0) space = n;
    if (quote < i) {
      quote = line.indexOf('"', i);
      // None: past every position (n itself is where an empty last value starts).
      if (quote < 0) quote = n + 1;
    }
    let eq = line.indexOf('=', i);
    if (eq < 0) eq = n;
    if (quote < eq && quote < space) return REJECT;
    if (space < eq) {
      // A bare key: up to the space (or the line's end).
      bare++;
      noteLogfmt(LOGFMT_TABLE.find(line, c, keyStart, space), keyStart, keyStart);
      i = space;
      continue;
    }
    if (eq === n) {
      // No '=' and no space left: a bare key to the line's end.
      bare++;
      noteLogfmt(LOGFMT_TABLE.find(line, c, keyStart, n), keyStart, keyStart);
      break;
    }
    if (eq === keyStart) return REJECT;
    const k = LOGFMT_TABLE.find(line, c, keyStart, eq);
    i = eq + 1;
    if (i === quote) {
      const end = line.indexOf('"', i + 1);
      if (end < 0) return REJECT;
      noteLogfmt(k, i + 1, end);
      i = end + 1;
    } else {
      // The value runs to the first space after the key, which is after the '='.
      noteLogfmt(k, i, space);
      i = space;
    }
    pairs++;
  }
  return pairs >= 2 || (pairs === 1 && bare === 0) ? ACCEPT : REJECT;
}

/** logfmtPairs step for step (escapes, tabs); UNSURE for an escape in a value we read (the parser unescapes it). */
function logfmtGeneral(line: string): number {
  const n = line.length;
  let pairs = 0;
  let bare = 0;
  let i = 0;
  while (i < n) {
    i = skipSpaces(line, i);
    if (i >= n) break;
    const keyStart = i;
    let c = line.charCodeAt(i);
    while (i < n && c !== 61 && c !== 32 && c !== 34 && c !== 9) c = line.charCodeAt(++i);
    if (c === 34) return REJECT;
    const k = LOGFMT_TABLE.find(line, line.charCodeAt(keyStart), keyStart, i);
    if (c !== 61) {
      bare++;
      noteLogfmt(k, keyStart, keyStart);
      continue;
    }
    if (i === keyStart) return REJECT;
    i++;
    let vs: number;
    let ve: number;
    if (line.charCodeAt(i) === 34) {
      i++;
      vs = i;
      for (;;) {
        if (i >= n) return REJECT;
        const d = line.charCodeAt(i);
        if (d === 34) break;
        if (d === 92 && i + 1 < n) {
          if (k >= 0) return UNSURE;
          i += 2;
        } else i++;
      }
      ve = i;
      i++;
    } else {
      vs = i;
      while (i < n && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i++;
      ve = i;
    }
    pairs++;
    noteLogfmt(k, vs, ve);
  }
  return pairs >= 2 || (pairs === 1 && bare === 0) ? ACCEPT : REJECT;
}

// ---------------------------------------------------------------- ISO-led (Java, logback, generic)

const SPRING_PID = /^\d+ --- /;

/** parseTimestamped's decisions for a dated line with a level in its first tokens; anything else (Python, Heroku, syslog tags, no date) is left to it. */
function liteTimestamped(line: string, out: Found): number {
  const n = line.length;
  let start = 0;
  const c0 = line.charCodeAt(0);
  if (c0 === 91) start = 1;
  else if (!isDigit(c0)) return REJECT;
  if (!isDigit(line.charCodeAt(start))) return REJECT;
  const time = parseIso(line, start);
  if (Number.isNaN(time)) return Number.isNaN(parseClock(line, start)) ? REJECT : UNSURE;
  let i = lastTimeEnd();
  if (start === 1) {
    if (line.charCodeAt(i) !== 93) return REJECT;
    i++;
  }
  const sep = line.charCodeAt(i);
  if (i < n && sep !== 32 && sep !== 9 && sep !== 58) return REJECT;
  if (sep === 58) i++;
  i = skipSpaces(line, i);
  if (line.startsWith('- ', i)) return UNSURE;
  // Positions below are in the line; parseTimestamped's `rest` is line.slice(i).
  let p = i;
  let level: LogLevel | undefined;
  let lvEnd = 0;
  let thread = false;
  for (let k = 0; k < 3 && p < n; k++) {
    if (line.charCodeAt(p) === 91) {
      const close = line.indexOf(']', p);
      if (close < 0) break;
      // In place first: a level word has no space for trim() to remove.
      const lv = close - p <= 16 ? (levelAt(line, p + 1, close) ?? levelOf(line.slice(p + 1, close).trim())) : undefined;
      if (lv !== undefined) {
        level = lv;
        lvEnd = close + 1;
        if (line.charCodeAt(lvEnd) === 58) lvEnd++;
        break;
      }
      thread = true;
      p = skipSpaces(line, close + 1);
      continue;
    }
    const end = wordEnd(line, p);
    const lv = end > p ? levelAt(line, p, end) : undefined;
    if (lv !== undefined && (end === n || line.charCodeAt(end) !== 91 || k > 0 || line.charCodeAt(end) === 58)) {
      level = lv;
      lvEnd = end;
      if (line.charCodeAt(lvEnd) === 58) lvEnd++;
    }
    break;
  }
  if (level === undefined) return UNSURE;
  const after = skipSpaces(line, lvEnd);
  const java = thread || line.charCodeAt(after) === 91 || SPRING_PID.test(line.slice(after, after + 24));
  out.time = time;
  out.level = level;
  out.format = java ? 'java' : 'iso';
  return ACCEPT;
}

// ---------------------------------------------------------------- syslog (RFC 3164)

/** JavaScript's \s. */
function isRegexSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Where SYSLOG_TAG (`host app[pid]: `) ends when it matches at i, else -1; the regex's steps by hand (it cannot backtrack into another match). */
function syslogTagEnd(line: string, i: number): number {
  const n = line.length;
  let j = i;
  for (; j < n; j++) {
    const c = line.charCodeAt(j);
    if (c === 91 || c === 93 || isRegexSpace(c)) break;
  }
  if (j === i || line.charCodeAt(j) !== 32) return -1;
  const app = ++j;
  for (; j < n; j++) {
    const c = line.charCodeAt(j);
    if (c === 58 || c === 91 || c === 93 || isRegexSpace(c)) break;
  }
  if (j === app) return -1;
  if (line.charCodeAt(j) === 91) {
    const digits = ++j;
    while (isDigit(line.charCodeAt(j))) j++;
    if (j === digits || line.charCodeAt(j) !== 93) return -1;
    j++;
  }
  if (line.charCodeAt(j) !== 58) return -1;
  j++;
  return line.charCodeAt(j) === 32 ? j + 1 : j;
}

/** syslogAt(line, 0, …) without a severity: its time, and the level from the message after the tag. */
function liteSyslog(line: string, year: number, now: number, out: Found): number {
  const month = monthAt(line, 0);
  if (month === undefined || line.charCodeAt(3) !== 32) return REJECT;
  let j = 4;
  if (line.charCodeAt(j) === 32) j++;
  if (!isDigit(line.charCodeAt(j))) return REJECT;
  let day = line.charCodeAt(j++) - 48;
  if (isDigit(line.charCodeAt(j))) day = day * 10 + line.charCodeAt(j++) - 48;
  if (line.charCodeAt(j) !== 32) return REJECT;
  const clock = parseClock(line, j + 1);
  if (Number.isNaN(clock)) return REJECT;
  let time = daysFromCivil(year, month, day) * 86_400_000 + clock;
  if (now > 0 && time > now + 31 * 86_400_000) time = daysFromCivil(year - 1, month, day) * 86_400_000 + clock;
  const rest = skipSpaces(line, lastTimeEnd());
  let msg = syslogTagEnd(line, rest);
  if (msg < 0) {
    const sp = line.indexOf(' ', rest);
    msg = sp > rest ? sp + 1 : rest;
  }
  out.time = time;
  out.level = levelInMessage(msg === 0 ? line : line.slice(msg));
  out.format = 'syslog';
  return ACCEPT;
}

// ---------------------------------------------------------------- access logs

/** parseAccess's acceptance, time and level (the status class). */
function liteAccess(line: string, out: Found): number {
  const open = line.indexOf(' [');
  if (open < 0 || open > 300) return REJECT;
  const close = line.indexOf('] "', open);
  if (close < 0) return REJECT;
  // `who` must be three space-separated words.
  const s1 = line.indexOf(' ');
  const s2 = line.indexOf(' ', s1 + 1);
  if (s2 < 0 || s2 >= open || line.indexOf(' ', s2 + 1) !== open) return REJECT;
  // In place: the time is followed by ']', which fails parseClf's checks as the slice's end would.
  const time = parseClfAt(line, open + 2);
  if (Number.isNaN(time)) return REJECT;
  // The quoted request (backslash escapes skipped), as quoted() reads it: with no backslash before the next quote, that quote ends it.
  let i = -1;
  const quote = line.indexOf('"', close + 3);
  const backslash = quote < 0 ? -1 : line.lastIndexOf('\\', quote);
  if (backslash <= close) i = quote < 0 ? -1 : quote + 1;
  else {
    for (let j = close + 3; j < line.length; j++) {
      const c = line.charCodeAt(j);
      if (c === 92) j++;
      else if (c === 34) {
        i = j + 1;
        break;
      }
    }
  }
  if (i < 0 || line.charCodeAt(i) !== 32) return REJECT;
  if (!isDigit(line.charCodeAt(i + 1)) || !isDigit(line.charCodeAt(i + 2)) || !isDigit(line.charCodeAt(i + 3)) || line.charCodeAt(i + 4) !== 32) return REJECT;
  const code = line.charCodeAt(i + 1);
  out.time = time;
  out.level = code === 53 ? 'error' : code === 52 ? 'warn' : 'info';
  out.format = 'access';
  return ACCEPT;
}
