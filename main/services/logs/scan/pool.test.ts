import { mkdtempSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScanWorker } from '../../../../e2e/fixtures/logs/scan-worker';
import { LineScanner, ScanBatch, type ScannerState } from '../../../../shared/logs/lite';
import { mixedLogLines } from '../../../../shared/logs/testing/mixed';
import { ScanPool, type ScanPoolOptions } from './pool';

/** One entry as the store would keep it: its text and columns. */
type Row = [text: string, time: number, level: number, kind: number, format: string];

function rowsOf(batch: ScanBatch, into: Row[]): void {
  for (let i = 0; i < batch.count; i++) {
    const start = batch.start[i]!;
    const text = start < 0 ? batch.own.get(i)! : batch.text.slice(start, batch.end[i]);
    into.push([text, batch.time[i]!, batch.level[i]!, batch.kind[i]!, batch.format[i]!]);
  }
}

const NOW = Date.UTC(2025, 5, 1);

/** What one scanner reading the text from the top makes of it (after `before`, scanned first). */
function serial(text: string, before = ''): Row[] {
  const scanner = new LineScanner({ now: NOW });
  const batch = new ScanBatch();
  const rows: Row[] = [];
  if (before) scanner.push(before, batch);
  for (let i = 0; i < text.length; ) {
    let end = text.indexOf('\n', Math.min(text.length - 1, i + 10_000));
    end = end < 0 ? text.length : end + 1;
    scanner.push(text.slice(i, end), batch);
    rowsOf(batch, rows);
    i = end;
  }
  scanner.flush(batch);
  rowsOf(batch, rows);
  return rows;
}

let dir: string;
let script: string;
const pools: ScanPool[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wb-scan-pool-'));
  script = await buildScanWorker();
});
afterAll(() => {
  for (const pool of pools) pool.dispose();
});

/** Scan the whole file with a pool; the rows it delivered and the final state's last entry. */
async function parallel(text: string, options: ScanPoolOptions, initial?: ScannerState, signal?: AbortSignal): Promise<{ rows: Row[]; batches: number }> {
  const file = path.join(dir, `f-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(file, text);
  const pool = new ScanPool(script, options);
  pools.push(pool);
  const handle = await open(file, 'r');
  const rows: Row[] = [];
  let batches = 0;
  try {
    const start = new LineScanner({ now: NOW });
    const state = await pool.scan({
      fd: handle.fd,
      from: 0,
      to: Buffer.byteLength(text),
      initial: initial ?? start.state(),
      now: NOW,
      ...(signal ? { signal } : {}),
      onBatch: (batch) => {
        batches++;
        rowsOf(batch, rows);
      },
    });
    const end = new LineScanner({ now: NOW });
    end.restore(state);
    const batch = new ScanBatch();
    end.flush(batch);
    rowsOf(batch, rows);
  } finally {
    await handle.close();
  }
  return { rows, batches };
}

const mixed = (n: number) => [...mixedLogLines(n)].join('\n') + '\n';

describe('ScanPool: a file scanned in parts on worker threads', () => {
  it('makes exactly the entries one scanner makes, in order, cut into 2, 3 or 7 parts', async () => {
    const text = mixed(30_000);
    const expected = serial(text);
    expect(expected.length).toBeGreaterThan(20_000);
    for (const maxParts of [2, 3, 7]) {
      const { rows } = await parallel(text, { maxParts, minPartBytes: 64 * 1024, chunkBytes: 50_000 });
      expect(rows.length).toBe(expected.length);
      expect(rows).toEqual(expected);
    }
  });

  it('keeps a stack trace whole when a cut falls inside it, and dates year-less lines by the lines before the cut', async () => {
    // Long traces everywhere, so every cut lands in one; syslog lines after a dated 2019 line take 2019.
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      lines.push(`2019-12-31T10:00:${String(i % 60).padStart(2, '0')}Z ERROR failed ${i}`);
      lines.push(`java.lang.IllegalStateException: boom ${i}`);
      for (let f = 0; f < 40; f++) lines.push(`\tat com.example.Frame${f}.call(Frame.java:${f})`);
      lines.push(`Dec 31 10:00:${String(i % 60).padStart(2, '0')} web-1 app[42]: after the trace ${i}`);
    }
    const text = lines.join('\n') + '\n';
    const expected = serial(text);
    expect(expected.length).toBe(800);
    expect(new Date(expected[1]![1]).getUTCFullYear()).toBe(2019);
    const { rows } = await parallel(text, { maxParts: 5, minPartBytes: 16 * 1024, chunkBytes: 8192 });
    expect(rows).toEqual(expected);
  });

  it('scans on through a part it cannot meet (no line there is dated as it knows), and drops that part’s own scan', async () => {
    // A dated JSON line, then only year-less syslog lines: a later part's scanner never has the first one's date.
    const lines = [JSON.stringify({ ts: '2018-03-01T00:00:00Z', level: 'info', msg: 'dated' })];
    for (let i = 0; i < 20_000; i++) lines.push(`Mar  1 00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} db-1 postgres[7]: line ${i}`);
    const text = lines.join('\n') + '\n';
    const expected = serial(text);
    expect(new Date(expected.at(-1)![1]).getUTCFullYear()).toBe(2018);
    const { rows } = await parallel(text, { maxParts: 3, minPartBytes: 64 * 1024, chunkBytes: 32_000, traceLimit: 16 });
    expect(rows).toEqual(expected);
  });

  it('carries lines longer than a read across reads', async () => {
    const lines = [...mixedLogLines(3000)];
    for (const at of [10, 1500, 2999]) lines.splice(at, 0, JSON.stringify({ ts: '2024-01-01T00:00:00Z', level: 'warn', msg: 'x'.repeat(150_000 + at) }));
    const text = lines.join('\n') + '\n';
    const { rows } = await parallel(text, { maxParts: 3, minPartBytes: 64 * 1024, chunkBytes: 32 * 1024 });
    expect(rows).toEqual(serial(text));
    expect(rows.filter((r) => r[0].length > 150_000)).toHaveLength(3);
  });

  it('goes on from the state it is given: an entry left open by the chunk before', async () => {
    const before = '2024-01-01 00:00:00,000 ERROR [main] com.example.App - failed\njava.lang.RuntimeException: x\n';
    const text = '\tat com.example.A.run(A.java:1)\n\tat com.example.B.run(B.java:2)\n' + mixed(5000);
    const scanner = new LineScanner({ now: NOW });
    const batch = new ScanBatch();
    scanner.push(before, batch);
    expect(scanner.pending).toBe(true);
    const { rows } = await parallel(text, { maxParts: 2, minPartBytes: 64 * 1024 }, scanner.state());
    const expected = serial(text, before);
    expect(rows).toEqual(expected);
    expect(rows[0]![0]).toContain('\tat com.example.B.run(B.java:2)');
  });

  it('stops when cancelled, and its workers stop reading', async () => {
    const text = mixed(40_000);
    const abort = new AbortController();
    const done = parallel(text, { maxParts: 2, minPartBytes: 64 * 1024, chunkBytes: 16_384 }, undefined, abort.signal);
    abort.abort();
    await expect(done).rejects.toThrow(/cancelled/);
  });
});
