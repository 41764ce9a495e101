// Log line parsing: recognises the common formats without setup, groups
// multi-line entries (stack traces, tracebacks, Go panics) and stays fast
// enough for millions of lines (no Node built-ins, no DOM: runs anywhere).
//
// Timezones: a timestamp with a zone (Z, +01:00, +0100, UTC/GMT) is exact;
// one without a zone (Python, logback, syslog, klog, nginx error log…) is
// taken as UTC. Syslog (RFC 3164) and klog carry no year: the parser's `year`
// option, else the year of the last line that had a full date (as lnav
// does), else the current year (the previous one for dates more than a
// month ahead, as when December logs are read in January).
import type { LogLevel } from '../contract/logs';

export interface ParsedEntry {
  /** Epoch ms from the line itself (or the external timestamp given to push), undefined if none. */
  time: number | undefined;
  level: LogLevel;
  /** 'json' | 'logfmt' | 'syslog' | 'rfc5424' | 'access' | 'klog' | 'python' | 'java' | 'iso' | 'plain' */
  format: string;
  /** The message for display: for json/logfmt the msg/message field (else the raw line); for others the line minus the leading timestamp and level when they were recognised. ANSI escape codes kept. */
  text: string;
  /** json/logfmt fields (string values; nested JSON flattened with dots, arrays JSON-encoded); access logs: remote, method, path, status, bytes, agent; syslog: host, app, pid. */
  fields?: Record<string, string>;
  /** Continuation lines (stack traces, Python tracebacks) kept with the entry. */
  extra?: string[];
  /** The whole raw first line (for export and exact search). */
  raw: string;
}

/** Continuation lines kept per entry; the next one starts a new entry. */
export const MAX_EXTRA = 500;

// ---------------------------------------------------------------- levels

const LEVEL_WORDS: Record<LogLevel, string[]> = {
  trace: ['trace', 'trc', 'trac', 'trce', 'finest', 'finer', 'verbose', 'vrb', 'v', 't'],
  debug: ['debug', 'dbg', 'debu', 'dbug', 'fine', 'config', 'd'],
  info: ['info', 'inf', 'information', 'informational', 'notice', 'i', 'n'],
  warn: ['warn', 'warning', 'wrn', 'wrng', 'w'],
  error: ['error', 'err', 'erro', 'eror', 'severe', 'e'],
  fatal: ['fatal', 'fata', 'ftl', 'crit', 'critical', 'crt', 'panic', 'pani', 'dpanic', 'emerg', 'emergency', 'alert', 'f', 'c'],
  unknown: [],
};
const LEVELS = new Map<string, LogLevel>();
for (const [level, words] of Object.entries(LEVEL_WORDS) as [LogLevel, string[]][]) {
  for (const w of words) {
    LEVELS.set(w, level);
    LEVELS.set(w.toUpperCase(), level);
    LEVELS.set(w[0]!.toUpperCase() + w.slice(1), level);
  }
}

/** Normalise a level word (E, ERR, ERROR, error, Warning, WARN, W, fatal, CRIT, crit, panic, trace, debug, DBG, notice, I…) to LogLevel. */
export function levelOf(word: string): LogLevel | undefined {
  const hit = LEVELS.get(word);
  if (hit !== undefined || word.length > 13 || word.length === 0) return hit;
  return LEVELS.get(word.toLowerCase());
}

/**
 * `s[from, to)` as one number when it is 1–6 ASCII letters (base 32, a = 1 …
 * z = 26, either case), else -1. levelOf ignores case for every word up to 13
 * characters, and no other character lowercases to an ASCII letter a level
 * word has, so the number names the same level without slicing the word out.
 */
function packWord(s: string, from: number, to: number): number {
  if (to - from < 1 || to - from > 6) return -1;
  let code = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return -1;
    code = code * 32 + (c - 96);
  }
  return code;
}
const LEVEL_PACKED = new Map<number, LogLevel>();
for (const [word, level] of LEVELS) if (word === word.toLowerCase() && packWord(word, 0, word.length) >= 0) LEVEL_PACKED.set(packWord(word, 0, word.length), level);

/** levelOf(s.slice(from, to)), without the slice (a string to hash) for the short words levels are written with. */
export function levelAt(s: string, from: number, to: number): LogLevel | undefined {
  const code = packWord(s, from, to);
  return code >= 0 ? LEVEL_PACKED.get(code) : levelOf(s.slice(from, to));
}

/** Syslog severities 0–7 (RFC 5424, journald PRIORITY). */
const SYSLOG_SEVERITY: LogLevel[] = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug'];

/** pino/bunyan numeric levels. */
export function numericLevel(n: number): LogLevel {
  if (n >= 60) return 'fatal';
  if (n >= 50) return 'error';
  if (n >= 40) return 'warn';
  if (n >= 30) return 'info';
  if (n >= 20) return 'debug';
  if (n >= 10) return 'trace';
  return n >= 0 && n <= 7 ? SYSLOG_SEVERITY[n]! : 'unknown';
}

// ---------------------------------------------------------------- ANSI

/** Length of the ANSI escape sequence at i (s[i] is ESC), at least 1. */
function ansiLength(s: string, i: number): number {
  const n = s.length;
  const c = s.charCodeAt(i + 1);
  if (c === 0x5b) {
    // CSI: ESC [ params intermediates final
    let j = i + 2;
    while (j < n) {
      const d = s.charCodeAt(j);
      if (d >= 0x40 && d <= 0x7e) return j + 1 - i;
      if (d < 0x20 || d > 0x3f) return j - i;
      j++;
    }
    return n - i;
  }
  if (c === 0x5d) {
    // OSC: ends with BEL or ESC \
    for (let j = i + 2; j < n; j++) {
      const d = s.charCodeAt(j);
      if (d === 7) return j + 1 - i;
      if (d === 0x1b && s.charCodeAt(j + 1) === 0x5c) return j + 2 - i;
    }
    return n - i;
  }
  if (c === 0x28 || c === 0x29) return Math.min(3, n - i); // charset: ESC ( B
  if (c >= 0x40 && c <= 0x5f) return 2;
  return 1;
}

/** Strip ANSI escapes (for matching and export). */
export function stripAnsi(text: string): string {
  let i = text.indexOf('\x1b');
  if (i < 0) return text;
  let out = '';
  let from = 0;
  while (i >= 0) {
    out += text.slice(from, i);
    from = i + ansiLength(text, i);
    i = text.indexOf('\x1b', from);
  }
  return out + text.slice(from);
}

/** The raw line from after its first `visible` characters (escapes not counted), escapes there kept. */
function rawFrom(raw: string, visible: number): string {
  let i = 0;
  let count = 0;
  while (count < visible && i < raw.length) {
    if (raw.charCodeAt(i) === 0x1b) i += ansiLength(raw, i);
    else {
      i++;
      count++;
    }
  }
  return raw.slice(i);
}

// ---------------------------------------------------------------- timestamps

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}
function d2(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

let lastY = -1;
let lastM = -1;
let lastD = -1;
let lastDays = 0;
/** Days since 1970-01-01 (proleptic Gregorian), cached for the last date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  if (y === lastY && m === lastM && d === lastD) return lastDays;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  lastY = y;
  lastM = m;
  lastD = d;
  lastDays = era * 146097 + doe - 719468;
  return lastDays;
}

/** Where the last successful time parse ended. */
let timeEnd = 0;

/** `HH:MM:SS[.,fraction]` at i → ms of the day, NaN if none. Sets timeEnd. */
export function parseClock(s: string, i: number): number {
  const h = d2(s, i);
  const m = d2(s, i + 3);
  const sec = d2(s, i + 6);
  if (h < 0 || m < 0 || sec < 0 || s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58 || h > 24 || m > 59 || sec > 60) return NaN;
  let ms = 0;
  let j = i + 8;
  const sep = s.charCodeAt(j);
  if ((sep === 46 || sep === 44) && isDigit(s.charCodeAt(j + 1))) {
    // The milliseconds in integer math: the usual 1–3 digits cost no float division.
    ms = (s.charCodeAt(++j) - 48) * 100;
    let d = digit(s, ++j);
    if (d >= 0) {
      ms += d * 10;
      d = digit(s, ++j);
      if (d >= 0) {
        ms += d;
        d = digit(s, ++j);
        // Finer digits (µs, ns): the float steps this always took (a long run of 9s rounds up), from the exact integer part.
        if (d >= 0) {
          let scale = 0.1;
          for (; d >= 0; d = digit(s, ++j)) {
            ms += d * scale;
            scale /= 10;
          }
          ms = Math.floor(ms);
        }
      }
    }
  }
  timeEnd = j;
  return h * 3_600_000 + m * 60_000 + sec * 1000 + ms;
}

/** Zone at i: Z, ±HH:MM, ±HHMM, ±HH, or " UTC"/" GMT" → offset ms (0 when none). Advances timeEnd. */
function parseZone(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 90 || c === 122) {
    timeEnd = i + 1;
    return 0;
  }
  if (c === 43 || c === 45) {
    const h = d2(s, i + 1);
    if (h < 0) return 0;
    let m = 0;
    let end = i + 3;
    if (s.charCodeAt(end) === 58 && d2(s, end + 1) >= 0) {
      m = d2(s, end + 1);
      end += 3;
    } else if (d2(s, end) >= 0) {
      m = d2(s, end);
      end += 2;
    }
    timeEnd = end;
    const off = h * 3_600_000 + m * 60_000;
    return c === 43 ? off : -off;
  }
  if (c === 32 && (s.startsWith('UTC', i + 1) || s.startsWith('GMT', i + 1))) {
    const after = s.charCodeAt(i + 4);
    if (Number.isNaN(after) || after === 32 || after === 93) timeEnd = i + 4;
  }
  return 0;
}

/** `YYYY-MM-DD[T ]HH:MM:SS[.frac][zone]` (or `YYYY/MM/DD`) at i → epoch ms, NaN if none. Sets timeEnd. */
export function parseIso(s: string, i: number): number {
  const sep = s.charCodeAt(i + 4);
  if ((sep !== 45 && sep !== 47) || s.charCodeAt(i + 7) !== sep) return NaN;
  const century = d2(s, i);
  const year = d2(s, i + 2);
  const mo = d2(s, i + 5);
  const d = d2(s, i + 8);
  const t = s.charCodeAt(i + 10);
  if (century < 0 || year < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || (t !== 84 && t !== 32 && t !== 116)) return NaN;
  const y = century * 100 + year;
  const clock = parseClock(s, i + 11);
  if (Number.isNaN(clock)) return NaN;
  const off = parseZone(s, timeEnd);
  return daysFromCivil(y, mo, d) * 86_400_000 + clock - off;
}

export const MONTHS: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };

/** Three ASCII characters at i as one number (7 bits each), -1 when one is not ASCII. */
function pack3(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  // NaN (past the end) packs as 0, which no month name has.
  return (a | b | c) < 128 ? (a << 14) | (b << 7) | c : -1;
}
const MONTH_PACKED = new Map(Object.entries(MONTHS).map(([name, m]) => [pack3(name, 0), m]));

/** MONTHS[s.slice(i, i + 3)] without the slice: a fresh string key is looked up in V8's string table, a number is not. */
export function monthAt(s: string, i: number): number | undefined {
  return MONTH_PACKED.get(pack3(s, i));
}

/** Where the last successful parseIso/parseClock ended (for the scanner in lite.ts). */
export function lastTimeEnd(): number {
  return timeEnd;
}

/** Epoch seconds, ms, µs or ns → ms. */
function epochMs(n: number): number | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (n < 1e11) return Math.floor(n * 1000);
  if (n < 1e14) return Math.floor(n);
  if (n < 1e17) return Math.floor(n / 1000);
  return Math.floor(n / 1e6);
}

export function timeValue(v: unknown): number | undefined {
  if (typeof v === 'number') return epochMs(v);
  if (typeof v !== 'string' || v.length === 0) return undefined;
  const t = parseIso(v, 0);
  if (!Number.isNaN(t)) return t;
  const n = Number(v);
  return Number.isNaN(n) ? undefined : epochMs(n);
}

/** Kubernetes `timestamps=true` prefix: "2026-01-02T03:04:05.123456789Z rest" → [ms, rest] or undefined. */
export function splitKubeTimestamp(line: string): [number, string] | undefined {
  const t = parseIso(line, 0);
  if (Number.isNaN(t) || line.charCodeAt(10) !== 84) return undefined;
  if (timeEnd === line.length) return [t, ''];
  if (line.charCodeAt(timeEnd) !== 32) return undefined;
  return [t, line.slice(timeEnd + 1)];
}

// ---------------------------------------------------------------- helpers

function entry(time: number | undefined, level: LogLevel, format: string, text: string, raw: string, fields?: Record<string, string>): ParsedEntry {
  const e: ParsedEntry = { time, level, format, text, raw };
  if (fields !== undefined) e.fields = fields;
  return e;
}

export function skipSpaces(s: string, i: number): number {
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  return i;
}

/** End of the word at i: up to a space, ':' or a bracket. */
export function wordEnd(s: string, i: number): number {
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 58 || c === 91 || c === 93 || c === 9) break;
    i++;
  }
  return i;
}

/** Whether s.slice(from, to).toUpperCase() differs from it, without the two strings for ASCII words (most messages start with a lowercase one). */
function changesUpper(s: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const c = s.charCodeAt(j);
    if (c >= 97 && c <= 122) return true;
    if (c >= 128) {
      const word = s.slice(from, to);
      return word !== word.toUpperCase();
    }
  }
  return false;
}

/** A leading level in plain text: `[ERROR] …`, `ERROR …`, `error: …`, `WARN[0000] …`. Returns [level, rest] or undefined. */
function leadingLevel(s: string): [LogLevel, string] | undefined {
  let i = skipSpaces(s, 0);
  if (s.charCodeAt(i) === 91) {
    const close = s.indexOf(']', i);
    if (close < 0 || close - i > 16) return undefined;
    const level = levelOf(s.slice(i + 1, close).trim());
    if (level === undefined) return undefined;
    i = close + 1;
    if (s.charCodeAt(i) === 58) i++;
    return [level, s.slice(skipSpaces(s, i))];
  }
  const end = wordEnd(s, i);
  const len = end - i;
  if (len < 3 || len > 13) return undefined;
  const c = s.charCodeAt(end);
  // "Error: x" and "ERROR x" are levels; "Error connecting" is prose.
  const colon = c === 58 && (s.charCodeAt(end + 1) === 32 || end + 1 === s.length);
  if (!colon && !(c === 32 || c === 9 || c === 91 || Number.isNaN(c))) return undefined;
  if (!colon && changesUpper(s, i, end)) return undefined;
  const level = levelAt(s, i, end);
  if (level === undefined) return undefined;
  return [level, s.slice(skipSpaces(s, colon ? end + 1 : end))];
}

const MSG_LEVEL = /\b(?:ERROR|ERR|WARN|WARNING|FATAL|CRIT|CRITICAL|PANIC|EMERG|ALERT|NOTICE|INFO|DEBUG|TRACE|[Ee]rror|[Ww]arning|[Ff]atal|[Cc]ritical|[Pp]anic|[Dd]ebug)\b/;

/** Syslog messages: a leading level, else the first level word in the message. */
export function levelInMessage(msg: string): LogLevel {
  const lead = leadingLevel(msg);
  if (lead !== undefined) return lead[0];
  const m = MSG_LEVEL.exec(msg);
  return m === null ? 'unknown' : (levelOf(m[0]) ?? 'unknown');
}

// ---------------------------------------------------------------- JSON

function flatten(obj: Record<string, unknown>, prefix: string, out: Record<string, string>): void {
  for (const k in obj) {
    const v = obj[k];
    const key = prefix === '' ? k : prefix + '.' + k;
    if (key === '__proto__') continue;
    if (typeof v === 'string') out[key] = v;
    else if (v === null) out[key] = 'null';
    else if (typeof v === 'object') {
      if (Array.isArray(v)) out[key] = JSON.stringify(v);
      else {
        let empty = true;
        for (const _ in v) {
          empty = false;
          break;
        }
        if (empty) out[key] = '{}';
        else flatten(v as Record<string, unknown>, key, out);
      }
    } else out[key] = String(v);
  }
}

export const JSON_TIME = ['time', 'ts', 'timestamp', '@timestamp', 't', '@t', '__REALTIME_TIMESTAMP'];
export const JSON_LEVEL = ['level', 'lvl', 'severity', 'levelname', 'log.level', '@l', 'PRIORITY'];
const JSON_MESSAGE = ['msg', 'message', '@m', 'log', 'MESSAGE', '@mt'];

/** Whether flatten would copy obj unchanged but for non-string values: no nested objects or arrays, no __proto__ key. */
function isFlat(obj: Record<string, unknown>): boolean {
  for (const k in obj) {
    const v = obj[k];
    if (v !== null && typeof v === 'object') return false;
  }
  return !Object.hasOwn(obj, '__proto__');
}

/** A JSON level field's value as a level: a name, a pino/bunyan number, a syslog PRIORITY. */
export function jsonLevel(key: string, v: unknown): LogLevel {
  if (typeof v === 'number') return key === 'PRIORITY' ? (SYSLOG_SEVERITY[v] ?? 'unknown') : numericLevel(v);
  if (typeof v !== 'string') return 'unknown';
  const named = levelOf(v.trim());
  if (named !== undefined) return named;
  if (/^\d{1,2}$/.test(v)) return key === 'PRIORITY' ? (SYSLOG_SEVERITY[Number(v)] ?? 'unknown') : numericLevel(Number(v));
  return 'unknown';
}

function parseJson(line: string): ParsedEntry | undefined {
  if (line.charCodeAt(0) !== 123 || line.charCodeAt(line.length - 1) !== 125) return undefined;
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const o = obj as Record<string, unknown>;
  // A flat object becomes the fields itself (its values made strings below, once read); else flattened into a new one.
  const flat = isFlat(o);
  let fields: Record<string, string> | undefined;
  if (!flat) {
    fields = {};
    flatten(o, '', fields);
  }

  let time: number | undefined;
  for (const k of JSON_TIME) {
    const v = k in o ? o[k] : undefined;
    if (v !== undefined) {
      time = timeValue(v);
      if (time !== undefined) break;
    }
  }

  let level: LogLevel = 'unknown';
  for (const k of JSON_LEVEL) {
    const v = k in o ? o[k] : fields === undefined ? undefined : fields[k];
    if (v === undefined) continue;
    level = jsonLevel(k, v);
    if (level !== 'unknown') break;
  }
  // Serilog CLEF omits @l for Information.
  if (level === 'unknown' && ('@mt' in o || '@m' in o)) level = 'info';

  let text = line;
  for (const k of JSON_MESSAGE) {
    const v = o[k];
    if (typeof v === 'string') {
      text = v.endsWith('\n') ? v.slice(0, v.endsWith('\r\n') ? -2 : -1) : v;
      break;
    }
  }
  if (fields === undefined) {
    for (const k in o) {
      const v = o[k];
      if (typeof v !== 'string') o[k] = v === null ? 'null' : String(v);
    }
    fields = o as Record<string, string>;
  }
  return entry(time, level, 'json', text, line, fields);
}

// ---------------------------------------------------------------- logfmt

/** key=value pairs from i; undefined unless it looks like logfmt (≥ 2 pairs, or only pairs). */
function logfmtPairs(s: string, i: number): Record<string, string> | undefined {
  const n = s.length;
  const out: Record<string, string> = {};
  let pairs = 0;
  let bare = 0;
  while (i < n) {
    i = skipSpaces(s, i);
    if (i >= n) break;
    const keyStart = i;
    let c = s.charCodeAt(i);
    while (i < n && c !== 61 && c !== 32 && c !== 34 && c !== 9) c = s.charCodeAt(++i);
    if (c === 34) return undefined;
    const key = s.slice(keyStart, i);
    if (c !== 61) {
      bare++;
      if (key !== '__proto__') out[key] = '';
      continue;
    }
    if (key.length === 0) return undefined;
    i++;
    let value: string;
    if (s.charCodeAt(i) === 34) {
      i++;
      let from = i;
      value = '';
      for (;;) {
        if (i >= n) return undefined;
        const d = s.charCodeAt(i);
        if (d === 34) break;
        if (d === 92 && i + 1 < n) {
          value += s.slice(from, i);
          const e = s[i + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          i += 2;
          from = i;
        } else i++;
      }
      value += s.slice(from, i);
      i++;
    } else {
      const from = i;
      while (i < n && s.charCodeAt(i) !== 32 && s.charCodeAt(i) !== 9) i++;
      value = s.slice(from, i);
    }
    pairs++;
    if (key !== '__proto__') out[key] = value;
  }
  if (pairs >= 2 || (pairs === 1 && bare === 0)) return out;
  return undefined;
}

export function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 64;
}

function logfmtEntry(line: string, from: number, prefixTime: number | undefined): ParsedEntry | undefined {
  if (!isKeyStart(line.charCodeAt(from))) return undefined;
  const eq = line.indexOf('=', from);
  if (eq < 0) return undefined;
  for (let j = from; j < eq; j++) {
    const c = line.charCodeAt(j);
    if (c === 32 || c === 34 || c === 9) return undefined;
  }
  const fields = logfmtPairs(line, from);
  if (fields === undefined) return undefined;
  let time = prefixTime;
  if (time === undefined) {
    const t = fields.ts ?? fields.time ?? fields.timestamp ?? fields.t ?? fields['@timestamp'];
    if (t !== undefined) time = timeValue(t);
  }
  let level: LogLevel = 'unknown';
  const lv = fields.level ?? fields.lvl ?? fields.severity ?? fields.levelname ?? fields.at;
  if (lv !== undefined) level = levelOf(lv) ?? 'unknown';
  const text = fields.msg ?? fields.message ?? line;
  return entry(time, level, 'logfmt', text, line, fields);
}

function parseLogfmt(line: string): ParsedEntry | undefined {
  return logfmtEntry(line, 0, undefined);
}

// ---------------------------------------------------------------- ISO-led formats

const SYSLOG_TAG = /^([^\s[\]]+) ([^\s:[\]]+)(?:\[(\d+)\])?: ?/;
const HEROKU_TAG = /^([\w.-]+)\[([\w.-]+)\]: /;
const PYTHON_NAME = / - /g;

/**
 * A line led by an ISO timestamp (optionally bracketed): Python logging,
 * Java (logback, log4j, Spring Boot), rsyslog/journald with ISO stamps,
 * Heroku logfmt, nginx error log, and the generic timestamp + level + message.
 */
function parseTimestamped(line: string): ParsedEntry | undefined {
  let start = 0;
  const c0 = line.charCodeAt(0);
  if (c0 === 91) start = 1;
  else if (!isDigit(c0)) return undefined;
  if (!isDigit(line.charCodeAt(start))) return undefined;
  let time: number | undefined = parseIso(line, start);
  let i: number;
  let hasDate = true;
  if (Number.isNaN(time)) {
    // logback's default pattern: HH:mm:ss.SSS [thread] LEVEL logger - msg
    const clock = parseClock(line, start);
    if (Number.isNaN(clock)) return undefined;
    time = undefined;
    hasDate = false;
  }
  i = timeEnd;
  if (start === 1) {
    if (line.charCodeAt(i) !== 93) return undefined;
    i++;
  }
  const sep = line.charCodeAt(i);
  if (i < line.length && sep !== 32 && sep !== 9 && sep !== 58) return undefined;
  if (sep === 58) i++;
  i = skipSpaces(line, i);
  const rest = line.slice(i);

  // Python: "ts - name - LEVEL - msg"
  if (rest.startsWith('- ')) {
    PYTHON_NAME.lastIndex = 2;
    const a = PYTHON_NAME.exec(rest);
    if (a !== null) {
      const lvStart = a.index + 3;
      const lvEnd = rest.indexOf(' - ', lvStart);
      const level = lvEnd > 0 ? levelOf(rest.slice(lvStart, lvEnd)) : undefined;
      if (level !== undefined && lvEnd > 0) return entry(time, level, 'python', rest.slice(2, a.index) + ' - ' + rest.slice(lvEnd + 3), line);
    }
  }

  // Up to three tokens: [thread] or [pid] before the level, the level bare or bracketed.
  let p = 0;
  let level: LogLevel | undefined;
  let lvStart = 0;
  let lvEnd = 0;
  let thread = false;
  for (let k = 0; k < 3 && p < rest.length; k++) {
    if (rest.charCodeAt(p) === 91) {
      const close = rest.indexOf(']', p);
      if (close < 0) break;
      const lv = close - p <= 16 ? levelOf(rest.slice(p + 1, close).trim()) : undefined;
      if (lv !== undefined) {
        level = lv;
        lvStart = p;
        lvEnd = close + 1;
        if (rest.charCodeAt(lvEnd) === 58) lvEnd++;
        break;
      }
      thread = true;
      p = skipSpaces(rest, close + 1);
      continue;
    }
    const end = wordEnd(rest, p);
    const lv = end > p ? levelOf(rest.slice(p, end)) : undefined;
    if (lv !== undefined && (end === rest.length || rest.charCodeAt(end) !== 91 || k > 0 || rest.charCodeAt(end) === 58)) {
      level = lv;
      lvStart = p;
      lvEnd = end;
      if (rest.charCodeAt(lvEnd) === 58) lvEnd++;
    }
    break;
  }

  if (level === undefined) {
    if (hasDate) {
      // Heroku: "ts heroku[router]: at=info method=GET …"
      const h = HEROKU_TAG.exec(rest);
      const lf = logfmtEntry(line, h === null ? i : i + h[0].length, time);
      if (lf !== undefined) {
        if (h !== null) {
          lf.fields!.source ??= h[1]!;
          lf.fields!.dyno ??= h[2]!;
        }
        return lf;
      }
      // rsyslog/journald with ISO stamps: "ts host app[pid]: msg"
      const m = SYSLOG_TAG.exec(rest);
      if (m !== null) {
        const fields: Record<string, string> = { host: m[1]!, app: m[2]! };
        if (m[3] !== undefined) fields.pid = m[3];
        return entry(time, levelInMessage(rest.slice(m[0].length)), 'syslog', rest, line, fields);
      }
    }
    return hasDate ? entry(time, 'unknown', 'iso', rest, line) : undefined;
  }
  const after = skipSpaces(rest, lvEnd);
  const text = lvStart === 0 ? rest.slice(after) : rest.slice(0, lvStart) + rest.slice(after);
  const tail = rest.slice(after, after + 24);
  const java = thread || tail.charCodeAt(0) === 91 || /^\d+ --- /.test(tail);
  if (!hasDate && !java) return undefined;
  return entry(time, level, java ? 'java' : 'iso', text, line);
}

// ---------------------------------------------------------------- syslog

/** RFC 3164: "Nov 25 10:00:01 host app[123]: msg", from i. */
export function syslogAt(line: string, i: number, year: number, now: number, sevLevel: LogLevel | undefined): ParsedEntry | undefined {
  const month = MONTHS[line.slice(i, i + 3)];
  if (month === undefined || line.charCodeAt(i + 3) !== 32) return undefined;
  let j = i + 4;
  if (line.charCodeAt(j) === 32) j++;
  let day = digit(line, j);
  if (day < 0) return undefined;
  j++;
  if (isDigit(line.charCodeAt(j))) day = day * 10 + digit(line, j++);
  if (line.charCodeAt(j) !== 32) return undefined;
  const clock = parseClock(line, j + 1);
  if (Number.isNaN(clock)) return undefined;
  let time = daysFromCivil(year, month, day) * 86_400_000 + clock;
  if (now > 0 && time > now + 31 * 86_400_000) time = daysFromCivil(year - 1, month, day) * 86_400_000 + clock;
  const rest = line.slice(skipSpaces(line, timeEnd));
  const m = SYSLOG_TAG.exec(rest);
  let fields: Record<string, string> | undefined;
  let msg = rest;
  if (m !== null) {
    fields = { host: m[1]!, app: m[2]! };
    if (m[3] !== undefined) fields.pid = m[3];
    msg = rest.slice(m[0].length);
  } else {
    const sp = rest.indexOf(' ');
    if (sp > 0) {
      fields = { host: rest.slice(0, sp) };
      msg = rest.slice(sp + 1);
    }
  }
  return entry(time, sevLevel ?? levelInMessage(msg), 'syslog', rest, line, fields);
}

/** "<PRI>1 ts host app procid msgid [sd] msg" (RFC 5424), or "<PRI>Mmm dd …" (RFC 3164 with PRI). */
function parsePri(line: string, year: number, now: number): ParsedEntry | undefined {
  if (line.charCodeAt(0) !== 60) return undefined;
  const close = line.indexOf('>');
  if (close < 2 || close > 4) return undefined;
  const pri = Number(line.slice(1, close));
  if (!Number.isInteger(pri) || pri < 0 || pri > 191) return undefined;
  const level = SYSLOG_SEVERITY[pri & 7]!;
  if (line.charCodeAt(close + 1) !== 49 || line.charCodeAt(close + 2) !== 32) return syslogAt(line, close + 1, year, now, level);
  // RFC 5424 header: five space-separated fields after the version.
  let i = close + 3;
  const parts: string[] = [];
  for (let k = 0; k < 5; k++) {
    let sp = line.indexOf(' ', i);
    if (sp < 0) sp = line.length;
    parts.push(line.slice(i, sp));
    i = sp + 1;
  }
  const [ts, host, app, pid, msgid] = parts as [string, string, string, string, string];
  let time: number | undefined;
  if (ts !== '-') {
    time = parseIso(ts, 0);
    if (Number.isNaN(time)) return undefined;
  }
  // Structured data: "-" or one or more [id k="v" …] elements (\] escaped inside values).
  if (line.charCodeAt(i) === 45) i += 2;
  else {
    while (line.charCodeAt(i) === 91) {
      let quoted = false;
      for (i++; i < line.length; i++) {
        const c = line.charCodeAt(i);
        if (c === 92) i++;
        else if (c === 34) quoted = !quoted;
        else if (c === 93 && !quoted) break;
      }
      i++;
    }
    if (line.charCodeAt(i) === 32) i++;
  }
  let msg = i < line.length ? line.slice(i) : '';
  if (msg.charCodeAt(0) === 0xfeff) msg = msg.slice(1);
  const fields: Record<string, string> = {};
  if (host !== '-') fields.host = host;
  if (app !== '-') fields.app = app;
  if (pid !== '-') fields.pid = pid;
  if (msgid !== '-' && msgid !== '') fields.msgid = msgid;
  return entry(time, level, 'rfc5424', msg, line, fields);
}

// ---------------------------------------------------------------- access logs

/** "10/Oct/2000:13:55:36 -0700" → epoch ms. */
export function parseClf(s: string): number {
  return parseClfAt(s, 0);
}

/**
 * parseClf at i in a longer string (the scanner reads it in place). When the
 * time is followed by `]`, as in an access log line, the result is the same as
 * parseClf of the slice: `]` fails every check a missing character fails.
 */
export function parseClfAt(s: string, i: number): number {
  const d = d2(s, i);
  const month = monthAt(s, i + 3);
  // As it always was: only y < 0 refuses (a bad second pair of year digits still reads, as 100 × century - 1).
  const y = d2(s, i + 7) * 100 + d2(s, i + 9);
  if (d < 0 || month === undefined || y < 0 || s.charCodeAt(i + 11) !== 58) return NaN;
  const clock = parseClock(s, i + 12);
  if (Number.isNaN(clock)) return NaN;
  const off = parseZone(s, s.charCodeAt(timeEnd) === 32 ? timeEnd + 1 : timeEnd);
  return daysFromCivil(y, month, d) * 86_400_000 + clock - off;
}

/** `"…"` at i (s[i] is the quote) → [value, index after the closing quote], or undefined. */
function quoted(s: string, i: number): [string, number] | undefined {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 34) return [s.slice(i + 1, j), j + 1];
  }
  return undefined;
}

/** nginx/apache combined and common: remote ident user [time] "request" status bytes ["referer" "agent"]. */
function parseAccess(line: string): ParsedEntry | undefined {
  const open = line.indexOf(' [');
  if (open < 0 || open > 300) return undefined;
  const close = line.indexOf('] "', open);
  if (close < 0) return undefined;
  const who = line.slice(0, open).split(' ');
  if (who.length !== 3) return undefined;
  const time = parseClf(line.slice(open + 2, close));
  if (Number.isNaN(time)) return undefined;
  const req = quoted(line, close + 2);
  if (req === undefined) return undefined;
  let i = req[1];
  if (line.charCodeAt(i) !== 32) return undefined;
  const status = line.slice(i + 1, i + 4);
  if (!/^\d{3}$/.test(status) || line.charCodeAt(i + 4) !== 32) return undefined;
  i += 5;
  let sp = line.indexOf(' ', i);
  if (sp < 0) sp = line.length;
  const bytes = line.slice(i, sp);
  const fields: Record<string, string> = { remote: who[0]!, user: who[2]!, status, bytes };
  const request = req[0];
  const s1 = request.indexOf(' ');
  const s2 = request.lastIndexOf(' ');
  if (s1 > 0) {
    fields.method = request.slice(0, s1);
    if (s2 > s1) {
      fields.path = request.slice(s1 + 1, s2);
      fields.protocol = request.slice(s2 + 1);
    } else fields.path = request.slice(s1 + 1);
  } else fields.method = request;
  if (line.charCodeAt(sp + 1) === 34) {
    const ref = quoted(line, sp + 1);
    if (ref !== undefined) {
      fields.referer = ref[0];
      if (line.charCodeAt(ref[1]) === 32 && line.charCodeAt(ref[1] + 1) === 34) {
        const agent = quoted(line, ref[1] + 1);
        if (agent !== undefined) fields.agent = agent[0];
      }
    }
  }
  const code = status.charCodeAt(0);
  const level: LogLevel = code === 53 ? 'error' : code === 52 ? 'warn' : 'info';
  return entry(time, level, 'access', line.slice(0, open) + line.slice(close + 1), line, fields);
}

// ---------------------------------------------------------------- klog, Python short, plain

const KLOG_LEVEL: Record<string, LogLevel> = { I: 'info', W: 'warn', E: 'error', F: 'fatal' };

/** "I1125 10:00:01.123456   12345 file.go:42] msg" */
function parseKlog(line: string, year: number): ParsedEntry | undefined {
  const level = KLOG_LEVEL[line[0]!];
  if (level === undefined || line.charCodeAt(5) !== 32) return undefined;
  const mo = d2(line, 1);
  const d = d2(line, 3);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const clock = parseClock(line, 6);
  if (Number.isNaN(clock)) return undefined;
  return entry(daysFromCivil(year, mo, d) * 86_400_000 + clock, level, 'klog', line.slice(skipSpaces(line, timeEnd)), line);
}

const PYTHON_SHORT = /^(CRITICAL|FATAL|ERROR|WARNING|WARN|INFO|DEBUG|NOTSET):[\w.-]*:/;

/** Python's basicConfig default: "ERROR:root:msg". */
function parsePythonShort(line: string): ParsedEntry | undefined {
  const m = PYTHON_SHORT.exec(line);
  if (m === null) return undefined;
  return entry(undefined, levelOf(m[1]!) ?? 'unknown', 'python', line.slice(m[1]!.length + 1), line);
}

function parsePlain(line: string): ParsedEntry {
  const lead = leadingLevel(line);
  return lead === undefined ? entry(undefined, 'unknown', 'plain', line, line) : entry(undefined, lead[0], 'plain', lead[1], line);
}

// ---------------------------------------------------------------- the parser

type Parse = (line: string) => ParsedEntry | undefined;

/** The line parsers, tried in detect()'s order; the one that took the last line is tried first on the next. */
export type ParserKind = 'json' | 'pri' | 'timestamped' | 'access' | 'klog' | 'syslog' | 'python' | 'logfmt';

const JAVA_EXCEPTION = /^(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable|Fault)(?::\s|$)/;
const PYTHON_EXCEPTION = /^[A-Za-z_][\w.]*(?::|$)/;
const GO_FRAME = /^[^\s(]+\(.*\)$/;
const MORE = /^\.\.\. \d+ (?:more|common frames omitted)/;

const MODE_NONE = 0;
const MODE_TRACEBACK = 1;
const MODE_GO = 2;

export class EntryParser {
  private pending: ParsedEntry | undefined;
  /** The multi-line state (MODE_* and whether the last continuation was indented). Public for the scanner (lite.ts), which must keep it the same way. */
  mode = MODE_NONE;
  lastIndented = false;
  /** The parser that took the last line (tried first: a file keeps its format). Public for the scanner (lite.ts), which must follow the same choices. */
  lastKind: ParserKind | undefined;
  private readonly parsers: Record<ParserKind, Parse>;
  /** The syslog year and "now" (0: never roll back a year), as the constructor settled them. */
  readonly year: number;
  readonly now: number;
  /**
   * The time of the last line that carried a full date (epoch ms, NaN: none
   * yet). Lines without a year (syslog, klog) take their year from it, as
   * lnav does: a December syslog line among 2024 JSON lines is from 2024, not
   * this year. Public for the scanner (lite.ts), which must keep it the same way.
   */
  lastDated = Number.NaN;
  /** Whether year-less lines take their year from the lines around (no year given). Public for the scanner (lite.ts). */
  readonly guessYear: boolean;
  private yearDay = Number.NaN;
  private yearOfDay = 0;

  constructor(options?: { /** The year for syslog timestamps without one (default: from the lines around, else the current one). */ year?: number }) {
    const now = Date.now();
    this.year = options?.year ?? new Date(now).getUTCFullYear();
    // Only roll back to last year when guessing the year.
    this.now = options?.year === undefined ? now : 0;
    this.guessYear = options?.year === undefined;
    this.parsers = {
      json: parseJson,
      pri: (l) => parsePri(l, this.yearlessYear(), this.yearlessNow()),
      timestamped: parseTimestamped,
      access: parseAccess,
      klog: (l) => parseKlog(l, this.yearlessYear()),
      syslog: (l) => syslogAt(l, 0, this.yearlessYear(), this.yearlessNow(), undefined),
      python: parsePythonShort,
      logfmt: parseLogfmt,
    };
  }

  /**
   * The year for a line without one: the last dated line's (taken 31 days
   * ahead, so a "Jan 1" after "Dec 31" lands in the new year; the roll-back
   * rule below brings a "Dec 31" after "Jan 1" back), else the constructor's.
   */
  yearlessYear(): number {
    if (!this.guessYear || Number.isNaN(this.lastDated)) return this.year;
    const day = Math.floor(this.lastDated / 86_400_000);
    if (day !== this.yearDay) {
      this.yearDay = day;
      this.yearOfDay = new Date(this.lastDated + 31 * 86_400_000).getUTCFullYear();
    }
    return this.yearOfDay;
  }

  /** "Now" for the roll-back rule: a dated line more than 31 days ahead of it is from the year before. */
  yearlessNow(): number {
    return !this.guessYear || Number.isNaN(this.lastDated) ? this.now : this.lastDated;
  }

  /** Remember a line's full date for the year-less lines after it (see lastDated). */
  noteDated(time: number | undefined, format: string): void {
    if (time !== undefined && time === time && format !== 'syslog' && format !== 'klog') this.lastDated = time;
  }

  /** Feed one raw line (no trailing newline). `time` is an external timestamp (Kubernetes timestamps=true, journald) that wins over the line's own. Returns entries completed by this line (a multi-line entry completes when a new entry starts). */
  push(line: string, time?: number): ParsedEntry[] {
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    const prev = this.pending;
    if (prev !== undefined && this.continues(line)) {
      const extra = (prev.extra ??= []);
      if (extra.length < MAX_EXTRA) {
        extra.push(line);
        return [];
      }
    }
    const e = this.parse(line);
    if (time !== undefined) e.time = time;
    this.pending = e;
    this.begin(e.raw);
    return prev === undefined ? [] : [prev];
  }

  /** A new entry starts with this raw line: reset the multi-line state from it. */
  begin(raw: string): void {
    this.lastIndented = false;
    const c = raw.charCodeAt(0);
    this.mode =
      c === 84 && raw.startsWith('Traceback (most recent call last):')
        ? MODE_TRACEBACK
        : (c === 112 && raw.startsWith('panic: ')) || (c === 102 && raw.startsWith('fatal error: ')) || (c === 103 && raw.startsWith('goroutine '))
          ? MODE_GO
          : MODE_NONE;
  }

  /** Forget the multi-line state (the scanner's entry was completed elsewhere). */
  reset(): void {
    this.pending = undefined;
    this.mode = MODE_NONE;
    this.lastIndented = false;
  }

  /** Complete the pending entry (the source went quiet or ended). */
  flush(): ParsedEntry[] {
    const prev = this.pending;
    this.pending = undefined;
    this.mode = MODE_NONE;
    this.lastIndented = false;
    return prev === undefined ? [] : [prev];
  }

  /** Whether the line continues the pending entry (updates the multi-line state). Public for the scanner (lite.ts). */
  continues(line: string): boolean {
    if (line.length === 0) return this.mode !== MODE_NONE;
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9) {
      this.lastIndented = true;
      return true;
    }
    const indentedBefore = this.lastIndented;
    this.lastIndented = false;
    if (c === 67 && line.startsWith('Caused by: ')) return true;
    if (c === 46 && MORE.test(line)) return true;
    if (c === 84 && line.startsWith('Traceback (most recent call last):')) {
      this.mode = MODE_TRACEBACK;
      return true;
    }
    if (c === 103 && /^goroutine \d+ \[/.test(line)) {
      this.mode = MODE_GO;
      return true;
    }
    if (this.mode === MODE_TRACEBACK) {
      if (line.startsWith('During handling of the above exception') || line.startsWith('The above exception was the direct cause')) return true;
      if (indentedBefore && PYTHON_EXCEPTION.test(line)) return true;
    } else if (this.mode === MODE_GO) {
      if (line.startsWith('created by ') || line.startsWith('[signal ') || line.startsWith('...additional frames elided...') || GO_FRAME.test(line)) return true;
    }
    if (c >= 97 && c <= 122 && JAVA_EXCEPTION.test(line)) return true;
    return false;
  }

  /** One line as a new entry (no multi-line grouping); the last parser is tried first. */
  parse(line: string): ParsedEntry {
    const e = this.parseLine(line);
    this.noteDated(e.time, e.format);
    return e;
  }

  private parseLine(line: string): ParsedEntry {
    if (line.indexOf('\x1b') >= 0) return this.parseColoured(line);
    const last = this.lastKind;
    if (last !== undefined) {
      const e = this.parsers[last](line);
      if (e !== undefined) return e;
    }
    return this.detect(line);
  }

  /** Lines with ANSI colours: recognise on the stripped line, keep the colours in the text. */
  private parseColoured(line: string): ParsedEntry {
    const plain = stripAnsi(line);
    const e = this.detect(plain);
    e.raw = line;
    if (e.format !== 'json' && e.format !== 'logfmt' && plain.endsWith(e.text)) e.text = rawFrom(line, plain.length - e.text.length);
    else if (e.format === 'logfmt' && e.text === plain) e.text = line;
    return e;
  }

  private detect(line: string): ParsedEntry {
    const p = this.parsers;
    const c = line.charCodeAt(0);
    let found: ParserKind | undefined;
    let e: ParsedEntry | undefined;
    if (c === 123) {
      if ((e = p.json(line))) found = 'json';
    } else if (c === 60) {
      if ((e = p.pri(line))) found = 'pri';
    } else if (isDigit(c) || c === 91) {
      if ((e = p.timestamped(line))) found = 'timestamped';
      else if ((e = p.access(line))) found = 'access';
    } else if (c >= 65 && c <= 90) {
      if (line.length > 20 && isDigit(line.charCodeAt(1)) && (e = p.klog(line))) found = 'klog';
      else if ((e = p.syslog(line))) found = 'syslog';
      else if ((e = p.python(line))) found = 'python';
    } else if (c === 58) {
      if ((e = p.access(line))) found = 'access';
    }
    if (e === undefined && isKeyStart(c)) {
      if ((e = p.logfmt(line))) found = 'logfmt';
      else if (c >= 97 && (e = p.access(line))) found = 'access';
    }
    if (e === undefined) return parsePlain(line);
    this.lastKind = found;
    return e;
  }
}
