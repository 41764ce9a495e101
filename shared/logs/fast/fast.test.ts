// The WebAssembly scanner (scan.c) against the TypeScript one it stands in
// for: the same entries, offsets, times, levels, kinds and formats, on the
// benchmark's log and on lines mutated at random around the shapes the fast
// paths know (a quote gone, a digit changed, a backslash or tab put in...),
// cut into chunks anywhere. lite.test.ts checks both against EntryParser.
import { describe, expect, it } from 'vitest';
import { LineScanner, ScanBatch } from '../lite';
import { mulberry32, mixedLogLines } from '../testing/mixed';
import { bytesOf, SAMPLES } from '../testing/samples';
import { fastScanner } from './fast';

interface Row {
  start: number;
  end: number;
  text: string;
  time: number;
  level: number;
  kind: number;
  format: string;
}

/** Every entry of `text` cut into the given chunks (whole lines each), with bytes (fast) or without. */
function scanAll(chunks: readonly string[], fast: boolean, year?: number): { rows: Row[]; scanner: LineScanner } {
  const scanner = new LineScanner(year === undefined ? undefined : { year });
  const batch = new ScanBatch();
  const rows: Row[] = [];
  const take = () => {
    for (let i = 0; i < batch.count; i++) {
      const own = batch.own.get(i);
      rows.push({ start: batch.start[i]!, end: batch.end[i]!, text: own ?? (typeof batch.text === 'string' ? batch.text : batch.text.text()).slice(batch.start[i], batch.end[i]), time: batch.time[i]!, level: batch.level[i]!, kind: batch.kind[i]!, format: batch.format[i]! });
    }
  };
  for (const chunk of chunks) {
    scanner.push(chunk, batch, fast ? bytesOf(chunk) : undefined);
    take();
  }
  scanner.flush(batch);
  take();
  return { rows, scanner };
}

function firstDifference(a: Row[], b: Row[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    const same = x && y && x.start === y.start && x.end === y.end && x.text === y.text && Object.is(x.time, y.time) && x.level === y.level && x.kind === y.kind && x.format === y.format;
    if (!same) return `entry ${i}:\n typescript  ${JSON.stringify(x)}\n webassembly ${JSON.stringify(y)}`;
  }
  return undefined;
}

/** Lines into chunks of whole lines, cut after a random number of lines each time. */
function chunked(lines: readonly string[], random: () => number, maxLines: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const take = 1 + Math.floor(random() * maxLines);
    chunks.push(lines.slice(i, i + take).map((l) => `${l}\n`).join(''));
    i += take;
  }
  return chunks;
}

// Characters the fast paths decide on.
const NOISE = '{}[]":,= \t\\.-+/0123456789TZ:aeEIWFtlsv@_ ';

function mutate(line: string, random: () => number): string {
  const at = Math.floor(random() * (line.length + 1));
  const pick = () => NOISE[Math.floor(random() * NOISE.length)]!;
  switch (Math.floor(random() * 6)) {
    case 0:
      return line.slice(0, at) + line.slice(at + 1);
    case 1:
      return line.slice(0, at) + pick() + line.slice(at);
    case 2:
      return line.slice(0, at) + pick() + line.slice(at + 1);
    case 3:
      return line.slice(0, at);
    case 4: {
      // A digit changed: times and levels near their limits.
      const d = line.search(/\d/);
      return d < 0 ? line : line.slice(0, d) + String(Math.floor(random() * 10)) + line.slice(d + 1);
    }
    default:
      return line.slice(at) + line.slice(0, at);
  }
}

describe('the WebAssembly scanner', () => {
  it('loads here, and takes plain ASCII chunks only', () => {
    const fast = fastScanner();
    expect(fast).not.toBeNull();
    expect(fast!.load(bytesOf('a=1 b=2\n'))).toBe(true);
    expect(fast!.load(bytesOf('a=1 b=2\r\n'))).toBe(false);
    expect(fast!.load(bytesOf('\x1b[31mERROR\x1b[0m x\n'))).toBe(false);
    expect(fast!.load(bytesOf('msg=café\n'))).toBe(false);
  });

  it('scans the benchmark log itself, handing nothing back', () => {
    const lines = [...mixedLogLines(20_000)];
    const chunks = chunked(lines, mulberry32(1), 700);
    const ts = scanAll(chunks, false);
    const wasm = scanAll(chunks, true);
    expect(firstDifference(ts.rows, wasm.rows)).toBeUndefined();
    expect(wasm.scanner.fastCounts.chunks).toBe(chunks.length);
    expect(wasm.scanner.fastCounts.handedBack).toBe(0);
    expect(ts.scanner.fastCounts.chunks).toBe(0);
  });

  it('agrees with the TypeScript scanner on 60,000 mutated lines, with and without a fixed year', () => {
    const random = mulberry32(20261125);
    // Continuation shapes weighed up: each is a branch of the multi-line rules.
    const continuations = ['Caused by: java.io.IOException: disk', '\t... 3 more', '... 12 common frames omitted', '\tat c.e.App.run(App.java:10)', 'java.lang.IllegalStateException: bad', 'com.example.DbFault', 'a.b.NoError: x', '  File "app.py", line 1', 'Traceback (most recent call last):', 'ValueError: nope', 'panic: boom', 'goroutine 1 [running]:', ''];
    const base = [...SAMPLES, ...SAMPLES, ...Array.from({ length: 20 }, () => continuations).flat(), ...mixedLogLines(3000)];
    for (const year of [undefined, 2026]) {
      const lines: string[] = [];
      for (let i = 0; i < 30_000; i++) {
        let line = base[Math.floor(random() * base.length)]!;
        const edits = Math.floor(random() * 3);
        for (let k = 0; k < edits; k++) line = mutate(line, random);
        lines.push(line.replace(/\n/g, ' '));
      }
      const chunks = chunked(lines, random, 300);
      const ts = scanAll(chunks, false, year);
      const wasm = scanAll(chunks, true, year);
      expect(firstDifference(ts.rows, wasm.rows)).toBeUndefined();
      // Both halves at work: most chunks scanned in WebAssembly, and lines it was unsure of handed back.
      expect(wasm.scanner.fastCounts.chunks).toBeGreaterThan(chunks.length / 2);
      expect(wasm.scanner.fastCounts.handedBack).toBeGreaterThan(100);
    }
  });
});
