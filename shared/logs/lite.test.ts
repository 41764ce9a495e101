// The scanner must agree with EntryParser: same entry boundaries, times,
// levels and formats, over every sample line of parse.test.ts (alone, and in
// one file where the parsers' "last format" choice carries from line to
// line), over the benchmark's mixed log cut into chunks anywhere, and over
// stack traces, CR LF, colours and blank lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEVEL_ORDER, LineScanner, ScanBatch } from './lite';
import { EntryParser, MAX_EXTRA } from './parse';
import { mixedLogLines } from './testing/mixed';
import { bytesOf, SAMPLES } from './testing/samples';


interface Seen {
  time: number | undefined;
  level: string;
  format: string;
  /** The entry's lines: first, then continuation lines. */
  lines: string[];
}

const YEAR = 2026;
/**
 * How this run of the agreement tests hands the scanner its chunks: text
 * only (the TypeScript scanner), text and bytes (the WebAssembly scanner,
 * fast/scan.c), or bytes with a LazyText (as the local-file source does for
 * ASCII chunks: the scanner must never read the text back).
 */
type Mode = 'text' | 'bytes' | 'lazy';
let MODE: Mode = 'text';


function viaParser(lines: readonly string[]): Seen[] {
  const parser = new EntryParser({ year: YEAR });
  const out: Seen[] = [];
  const take = (entries: ReturnType<EntryParser['push']>) => {
    for (const e of entries) out.push({ time: e.time, level: e.level, format: e.format, lines: [e.raw, ...(e.extra ?? [])] });
  };
  for (const line of lines) take(parser.push(line));
  take(parser.flush());
  return out;
}

/** The lines joined into text and scanned in chunks cut after the given line counts (the rest in one). */
function viaScanner(lines: readonly string[], cuts: readonly number[] = [], eol = '\n', mode = MODE): Seen[] {
  const scanner = new LineScanner({ year: YEAR });
  const batch = new ScanBatch();
  const out: Seen[] = [];
  const take = () => {
    for (let i = 0; i < batch.count; i++) {
      const own = batch.own.get(i);
      const chunk = batch.text;
      const text = own ?? (typeof chunk === 'string' ? chunk : chunk.text()).slice(batch.start[i], batch.end[i]);
      const t = batch.time[i]!;
      out.push({ time: Number.isNaN(t) ? undefined : t, level: LEVEL_ORDER[batch.level[i]!]!, format: batch.format[i]!, lines: text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)) });
    }
  };
  let from = 0;
  for (const cut of [...cuts, lines.length]) {
    if (cut <= from) continue;
    const text = lines.slice(from, cut).map((l) => l + eol).join('');
    const bytes = bytesOf(text);
    if (mode === 'lazy' && bytes.length === text.length) {
      let reads = 0;
      scanner.push({ length: text.length, text: () => (reads++, text) }, batch, bytes);
      expect(reads, 'the scanner read a lazy chunk back').toBe(0);
    } else scanner.push(text, batch, mode === 'text' ? undefined : bytes);
    take();
    from = cut;
  }
  scanner.flush(batch);
  take();
  return out;
}

/** Where they first differ, for a readable failure. */
function firstDifference(a: Seen[], b: Seen[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return `entry ${i}: parser ${JSON.stringify(a[i])}\n scanner ${JSON.stringify(b[i])}`;
  }
  return undefined;
}

function expectAgreement(lines: readonly string[], cuts: readonly number[] = [], eol = '\n'): void {
  expect(firstDifference(viaParser(lines), viaScanner(lines, cuts, eol))).toBeUndefined();
}

describe.each([
  ['text only (the TypeScript scanner)', 'text'],
  ['bytes too (the WebAssembly scanner, with the TypeScript for what it hands back)', 'bytes'],
  ['bytes and a lazy text (a local file\'s ASCII chunks, never read back by the scanner)', 'lazy'],
] as const)('LineScanner agrees with EntryParser, given %s', (_name, mode: Mode) => {
  beforeAll(() => {
    MODE = mode;
  });
  afterAll(() => {
    MODE = 'text';
  });

  it('on each sample line alone', () => {
    for (const line of SAMPLES) expect(firstDifference(viaParser([line]), viaScanner([line])), line).toBeUndefined();
  });

  it('on all samples in one file, and in reverse (the last format tried first carries over)', () => {
    expectAgreement(SAMPLES);
    expectAgreement([...SAMPLES].reverse(), [7, 8, 50]);
  });

  it('on 30,000 lines of the benchmark log cut into chunks anywhere, stack traces included', () => {
    const lines = [...mixedLogLines(30_000)];
    // A seeded walk of cut points: some fall inside stack traces.
    const cuts: number[] = [];
    let seed = 7;
    for (let at = 0; at < lines.length; ) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      at += 1 + (seed % 900);
      cuts.push(at);
    }
    expectAgreement(lines, cuts);
    expect(viaScanner(lines, cuts).some((e) => e.lines.length > 3)).toBe(true);
  });

  it('on stack traces cut at every line, CR LF endings, blank lines, colours, odd JSON and the continuation cap', () => {
    const trace = [
      '2026-11-25 10:00:01,123 ERROR [main] c.e.App - boom',
      'java.lang.IllegalStateException: bad',
      '\tat c.e.App.run(App.java:10)',
      'Caused by: java.io.IOException: disk',
      '\t... 3 more',
      '',
      'Traceback (most recent call last):',
      '  File "app.py", line 1, in <module>',
      'ValueError: nope',
      'panic: runtime error',
      '',
      'goroutine 1 [running]:',
      'main.main()',
      '\t/app/main.go:5 +0x1d',
      '\x1b[31mERROR\x1b[0m coloured line',
      'level=info msg="a \\"quoted\\" word" at=x',
      '{"level":"warn","time":"2026-11-25T10:00:01Z","msg":"tab\tinside"}',
      '{"level":30,"time":1795600801123,"msg":"pino","nested":{"a":1}}',
      '{"lvl":"x","severity":"ERROR","ts":"","time":"nope","timestamp":"2026-11-25T10:00:01Z","level":null}',
      '{"a":1,"a":2,"level":"info","level":"error"}',
      '{ "level" : "debug" , "ts" : 1795600801 }',
      '{"@mt":"serilog {X}","@t":"2026-11-25T10:00:01Z"}',
      '{"ts":"2026-11-25","level":"info"}',
      '{"ts":"2026-11-25T1","level":"info"}',
      '{"ts":"2026-11-25T10:00:01.5+02:00","level":"info"}',
      '{"ts":"2026-11-25T10:00:01+0","level":"info"}',
      '{"time":"2026-11-25T10:00:01 UTC","level":"info"}',
      '{"time":"2026-11-25 10:00:01garbage","level":"info"}',
      '{"ts":"1795600801","level":"info"}',
      'ts="2026-11-25 10:00:01" level=warn msg=quoted-time',
      'ts=2026-11-25 10:00:01 level=warn msg=split-time',
      'Nov 25 10:00:01 host app[12]:no-space ERROR here',
      'Nov 25 10:00:01 host app[x]: not a pid, warning',
      'Nov 25 10:00:01 lonely',
      '{"level":"info","msg":"not json" ',
      'time= level= msg=bare key',
      'ts=2026-11-25T10:00:01Z lvl=WARN level=error at=info',
    ];
    for (let cut = 0; cut <= trace.length; cut++) expectAgreement(trace, [cut]);
    expectAgreement(trace, [], '\r\n');
    const long = ['2026-11-25 10:00:01 ERROR x', ...Array.from({ length: MAX_EXTRA + 20 }, (_, i) => `\tat frame${i}`)];
    expectAgreement(long, [100, 501, 502]);
    expect(viaScanner(long)).toHaveLength(2);
  });
});
