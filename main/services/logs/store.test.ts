import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogLevel } from '../../../shared/contract/logs';
import { LineScanner, ScanBatch } from '../../../shared/logs/lite';
import { EntryParser } from '../../../shared/logs/parse';
import { mixedLogLines } from '../../../shared/logs/testing/mixed';
import { LogStore, type StoreEntry } from './store';

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);

function entry(time: number | undefined, text: string, more: Partial<StoreEntry> = {}): StoreEntry {
  return { time, level: 'info', format: 'plain', text, raw: text, ...more };
}

const texts = (store: LogStore, filter = {}, offset = 0, limit = 2000) => store.window(filter, offset, limit).lines.map((l) => l.text);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wb-logstore-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('LogStore order', () => {
  it('appends in order and merges two interleaved sources by time', () => {
    const store = new LogStore({ maxLines: 1000 });
    const a = store.source('a');
    const b = store.source('b');
    store.add(a, [entry(T0 + 0, 'a0'), entry(T0 + 20, 'a20'), entry(T0 + 40, 'a40')]);
    // b is behind: its lines go between a's.
    store.add(b, [entry(T0 + 10, 'b10'), entry(T0 + 30, 'b30'), entry(T0 + 50, 'b50')]);
    store.add(a, [entry(T0 + 45, 'a45')]);
    expect(texts(store)).toEqual(['a0', 'b10', 'a20', 'b30', 'a40', 'a45', 'b50']);
    const window = store.window({}, 0, 10);
    expect(window.lines.map((l) => l.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(window.lines.map((l) => l.source)).toEqual(['a', 'b', 'a', 'b', 'a', 'a', 'b']);
    expect(window.total).toBe(7);
  });

  it('keeps ties in arrival order and sorts a source batch that goes back in time', () => {
    const store = new LogStore({ maxLines: 1000 });
    const a = store.source('a');
    const b = store.source('b');
    store.add(a, [entry(T0, 'a-first'), entry(T0 + 5, 'a5')]);
    store.add(b, [entry(T0, 'b-tie'), entry(T0 + 3, 'b3'), entry(T0 + 1, 'b1')]);
    expect(texts(store)).toEqual(['a-first', 'b-tie', 'b1', 'b3', 'a5']);
  });

  it('keeps a whole-second stamp in its source\'s order within its second, showing the second it says', () => {
    const store = new LogStore({ maxLines: 1000 });
    const a = store.source('a');
    const b = store.source('b');
    // a: millisecond lines with syslog-style whole seconds among them.
    store.add(a, [entry(T0 + 58, 'a.058'), entry(T0, 'a-syslog :00'), entry(T0 + 61, 'a.061'), entry(T0 + 1000, 'a-syslog :01'), entry(T0 + 1020, 'a1.020')]);
    // Still merged: a whole second that steps back past its own second.
    store.add(a, [entry(T0 - 2000, 'a-syslog -:02')]);
    // b merges among a's lines by where they were placed.
    store.add(b, [entry(T0 + 59, 'b.059'), entry(T0 + 1010, 'b1.010')]);
    expect(texts(store)).toEqual(['a-syslog -:02', 'a.058', 'a-syslog :00', 'b.059', 'a.061', 'a-syslog :01', 'b1.010', 'a1.020']);
    const shown = Object.fromEntries(store.window({}, 0, 10).lines.map((l) => [l.text, l.time - T0]));
    expect(shown).toMatchObject({ 'a-syslog :00': 0, 'a-syslog :01': 1000, 'a-syslog -:02': -2000, 'a.058': 58 });
    // A time range and an export go by the time a line says.
    expect(texts(store, { to: T0 + 30 })).toEqual(['a-syslog -:02', 'a-syslog :00']);
    expect(texts(store, { from: T0 + 30, to: T0 + 1000 })).toEqual(['a.058', 'b.059', 'a.061', 'a-syslog :01']);
    // Bucketed by the second each line says: four lines said :00, three :01.
    expect(store.histogram({}, 4)).toEqual({ from: T0 - 2000, bucketMs: 1000, counts: [{ info: 1 }, {}, { info: 4 }, { info: 3 }] });
  });

  it('bounds the merge: a line older than the merge window goes at the window start', () => {
    const store = new LogStore({ maxLines: 1000, mergeWindow: 3 });
    const a = store.source('a');
    const b = store.source('b');
    store.add(a, [0, 1, 2, 3, 4, 5].map((i) => entry(T0 + i * 10, `a${i}`)));
    store.add(b, [entry(T0 - 1000, 'ancient')]);
    expect(texts(store)).toEqual(['a0', 'a1', 'a2', 'ancient', 'a3', 'a4', 'a5']);
    expect(store.window({}, 3, 1).lines[0]).toMatchObject({ text: 'ancient', time: T0 - 1000, timed: true });
  });

  it('gives lines without a time their arrival time, or their source\'s last time during a burst', () => {
    let now = T0 + 60_000;
    const store = new LogStore({ maxLines: 1000, now: () => now });
    const a = store.source('a');
    store.add(a, [entry(undefined, 'first, untimed')]);
    store.add(a, [entry(T0, 'timed'), entry(undefined, 'continues')]);
    now += 10_000;
    store.add(a, [entry(undefined, 'later')]);
    const lines = store.window({}, 0, 10).lines;
    expect(lines.map((l) => [l.text, l.time, l.timed])).toEqual([
      ['timed', T0, true],
      ['continues', T0, false],
      ['first, untimed', T0 + 60_000, false],
      ['later', T0 + 70_000, false],
    ]);
  });

  it('drops the oldest past the cap, counting them, with seqs that keep going', () => {
    const store = new LogStore({ maxLines: 20_000 });
    const a = store.source('a');
    for (let batch = 0; batch < 5; batch++) {
      store.add(a, Array.from({ length: 10_000 }, (_, i) => entry(T0 + batch * 10_000 + i, `line ${batch * 10_000 + i}`)));
    }
    expect(store.total).toBe(20_000);
    expect(store.dropped).toBe(30_000);
    expect(store.firstSeq).toBe(30_000);
    const first = store.window({}, 0, 2);
    expect(first.lines.map((l) => [l.seq, l.text])).toEqual([
      [30_000, 'line 30000'],
      [30_001, 'line 30001'],
    ]);
    const last = store.window({}, -1, 5);
    expect(last.offset).toBe(19_999);
    expect(last.lines.map((l) => [l.seq, l.text])).toEqual([[49_999, 'line 49999']]);
    // The chunks that went are released; what is held stays near the cap.
    expect(store.bytes()).toBeLessThan(20_000 * 200);
  });
});

describe('LogStore filters', () => {
  function sample(): LogStore {
    const store = new LogStore({ maxLines: 1000 });
    const web = store.source('web-1/nginx', 'web-1');
    const db = store.source('db-1:/var/log/syslog', 'db-1');
    const lines: [number, number, LogLevel, string, Partial<StoreEntry>?][] = [
      [web, 0, 'info', 'GET /health 200'],
      [db, 1, 'error', 'connection refused by peer'],
      [web, 2, 'warn', 'upstream Timeout after 30s'],
      [db, 3, 'info', 'checkpoint complete', { fields: { component: 'wal', pid: '42' } }],
      [web, 4, 'error', 'request failed', { extra: ['  at handler (app.js:10)', '  at \x1b[31mTimeoutError\x1b[0m (net.js:3)'] }],
      [db, 5, 'debug', 'vacuum done', { fields: { component: 'autovacuum' } }],
      [web, 6, 'info', '\x1b[32mok\x1b[0m colored line'],
    ];
    for (const [source, dt, level, text, more] of lines) store.add(source, [entry(T0 + dt * 1000, text, { level, ...more })]);
    return store;
  }

  it('matches plain text case-insensitively by default, and case-sensitively when asked', () => {
    const store = sample();
    expect(texts(store, { text: [{ text: 'timeout' }] })).toEqual(['upstream Timeout after 30s', 'request failed']);
    expect(texts(store, { text: [{ text: 'Timeout', caseSensitive: true }] })).toEqual(['upstream Timeout after 30s', 'request failed']);
    expect(texts(store, { text: [{ text: 'timeout', caseSensitive: true }] })).toEqual([]);
    // Plain text is literal: regex characters mean themselves.
    expect(texts(store, { text: [{ text: '/health 2' }] })).toEqual(['GET /health 200']);
    expect(texts(store, { text: [{ text: '.*' }] })).toEqual([]);
  });

  it('matches regexes over the raw line and its continuation lines, ANSI stripped', () => {
    const store = sample();
    expect(texts(store, { text: [{ text: 'timeout|refused', regex: true }] })).toEqual(['connection refused by peer', 'upstream Timeout after 30s', 'request failed']);
    // "ok colored" only exists once the color codes are gone.
    expect(texts(store, { text: [{ text: 'ok colored', regex: false }] })).toEqual(['\x1b[32mok\x1b[0m colored line']);
    expect(texts(store, { text: [{ text: 'app\\.js:\\d+', regex: true }] })).toEqual(['request failed']);
  });

  it('reports a regex that does not compile instead of throwing', () => {
    const store = sample();
    const window = store.window({ text: [{ text: 'fine' }, { text: '(unclosed', regex: true }] }, 0, 10);
    expect(window).toMatchObject({ lines: [], matched: 0, total: 7, filterError: { index: 1 } });
    expect(window.filterError!.message).toMatch(/unterminated group|Unterminated/i);
    expect(store.histogram({ text: [{ text: '[', regex: true }] }, 10).counts).toEqual([]);
  });

  it('excludes, and combines every condition', () => {
    const store = sample();
    expect(texts(store, { text: [{ text: 'GET', exclude: true }, { text: 'colored', exclude: true }] })).toEqual([
      'connection refused by peer',
      'upstream Timeout after 30s',
      'checkpoint complete',
      'request failed',
      'vacuum done',
    ]);
    expect(texts(store, { levels: ['error'], text: [{ text: 'refused', exclude: true }] })).toEqual(['request failed']);
  });

  it('filters by level, time range, fields and sources', () => {
    const store = sample();
    expect(texts(store, { levels: ['error', 'warn'] })).toEqual(['connection refused by peer', 'upstream Timeout after 30s', 'request failed']);
    expect(texts(store, { from: T0 + 2000, to: T0 + 4000 })).toEqual(['upstream Timeout after 30s', 'checkpoint complete', 'request failed']);
    expect(texts(store, { from: T0 + 5500 })).toEqual(['\x1b[32mok\x1b[0m colored line']);
    expect(texts(store, { fields: [{ key: 'component', value: 'wal' }] })).toEqual(['checkpoint complete']);
    expect(texts(store, { fields: [{ key: 'component', value: '*' }] })).toEqual(['checkpoint complete', 'vacuum done']);
    expect(texts(store, { fields: [{ key: 'component', value: '*' }, { key: 'pid', value: '42' }] })).toEqual(['checkpoint complete']);
    expect(texts(store, { sources: ['db-1:/var/log/syslog'] })).toEqual(['connection refused by peer', 'checkpoint complete', 'vacuum done']);
    expect(texts(store, { sources: ['nope'] })).toEqual([]);
    expect(store.fieldKeys()).toEqual(['component', 'pid']);
  });

  it('pages through the matches with offsets from either end', () => {
    const store = sample();
    const filter = { text: [{ text: 'e' }] };
    const all = texts(store, filter);
    expect(store.window(filter, 1, 2).lines.map((l) => l.text)).toEqual(all.slice(1, 3));
    const tail = store.window(filter, -2, 2);
    expect(tail.offset).toBe(all.length - 2);
    expect(tail.lines.map((l) => l.text)).toEqual(all.slice(-2));
    expect(store.window(filter, 100, 5)).toMatchObject({ offset: all.length, lines: [], matched: all.length });
  });

  it('extends a filter\'s index as lines arrive, and retests only what a late line moved', () => {
    const store = new LogStore({ maxLines: 1000 });
    const a = store.source('a');
    const b = store.source('b');
    const filter = { text: [{ text: 'hit' }] };
    store.add(a, [entry(T0, 'hit 1'), entry(T0 + 10, 'miss'), entry(T0 + 20, 'hit 2')]);
    expect(store.window(filter, 0, 10).matched).toBe(2);
    store.add(a, [entry(T0 + 30, 'hit 3'), entry(T0 + 40, 'miss')]);
    expect(texts(store, filter)).toEqual(['hit 1', 'hit 2', 'hit 3']);
    // A late line from b lands between a's: the index must see it, and the seqs after it move.
    store.add(b, [entry(T0 + 15, 'hit late')]);
    const window = store.window(filter, 0, 10);
    expect(window.lines.map((l) => [l.seq, l.text])).toEqual([
      [0, 'hit 1'],
      [2, 'hit late'],
      [3, 'hit 2'],
      [4, 'hit 3'],
    ]);
    expect(window.total).toBe(6);
  });

  it('keeps filter indexes right across drops', () => {
    const store = new LogStore({ maxLines: 20_000 });
    const a = store.source('a');
    const filter = { text: [{ text: 'seven', regex: false }] };
    let n = 0;
    const batch = (count: number) => store.add(a, Array.from({ length: count }, () => entry(T0 + n, n++ % 7 === 0 ? `seven ${n - 1}` : `other ${n - 1}`)));
    batch(15_000);
    expect(store.window(filter, 0, 1).matched).toBe(Math.ceil(15_000 / 7));
    batch(30_000);
    const window = store.window(filter, 0, 3);
    // Lines 0..24999 are gone; the first kept multiple of 7 is 25004.
    expect(window.lines.map((l) => [l.seq, l.text])).toEqual([
      [25_004, 'seven 25004'],
      [25_011, 'seven 25011'],
      [25_018, 'seven 25018'],
    ]);
    let expected = 0;
    for (let i = 25_000; i < 45_000; i++) if (i % 7 === 0) expected++;
    expect(window.matched).toBe(expected);
    expect(store.window(filter, -1, 1).lines[0]!.text).toBe('seven 44996');
  });
});

describe('LogStore histogram and export', () => {
  it('counts matches per bucket and level', () => {
    const store = new LogStore({ maxLines: 1000 });
    const a = store.source('a');
    const levels: LogLevel[] = ['info', 'error', 'info', 'warn', 'info', 'error'];
    store.add(
      a,
      levels.map((level, i) => entry(T0 + i * 10_000, `line ${i}`, { level })),
    );
    const all = store.histogram({}, 6);
    expect(all.from).toBe(T0);
    expect(all.bucketMs).toBe(10_000);
    expect(all.counts).toEqual([{ info: 1 }, { error: 1 }, { info: 1 }, { warn: 1 }, { info: 1 }, { error: 1 }]);
    const errors = store.histogram({ levels: ['error'] }, 3);
    expect(errors.bucketMs).toBe(30_000);
    expect(errors.counts.reduce((sum, c) => sum + (c.error ?? 0), 0)).toBe(2);
    expect(errors.counts.every((c) => Object.keys(c).every((k) => k === 'error'))).toBe(true);
    expect(store.histogram({ text: [{ text: 'nothing' }] }, 10).counts).toEqual([]);
  });

  it('exports every matched line with its continuation lines, ANSI stripped', async () => {
    const store = new LogStore({ maxLines: 100_000 });
    const web = store.source('web-1/nginx', 'web-1');
    store.add(web, [entry(T0, '\x1b[31mboom\x1b[0m', { extra: ['  at x (a.js:1)'] }), entry(T0 + 1, 'quiet')]);
    store.add(web, Array.from({ length: 50_000 }, (_, i) => entry(T0 + 10 + i, `bulk boom ${i} ${'x'.repeat(80)}`)));
    const file = path.join(tmp, 'export.log');
    const written = await store.exportTo({ text: [{ text: 'boom' }] }, file);
    expect(written).toBe(50_001);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.slice(0, 3)).toEqual(['2024-01-01T12:00:00.000Z web-1 boom', '2024-01-01T12:00:00.000Z web-1   at x (a.js:1)', `2024-01-01T12:00:00.010Z web-1 bulk boom 0 ${'x'.repeat(80)}`]);
    expect(lines).toHaveLength(50_003);
    await expect(store.exportTo({}, path.join(tmp, 'no-such-dir', 'x.log'))).rejects.toThrow(/ENOENT/);
  });
});

describe('LogStore fed scanned text answers like one fed parsed entries', () => {
  // The benchmark's mix, plus what takes the slow roads: colours, CR LF, a lookahead, a trace over a chunk's end, an exotic format.
  const extra = [
    '2026-11-25T10:00:01Z \x1b[31mERROR\x1b[0m coloured timeout',
    '2026-11-25 10:00:02,000 ERROR [main] c.e.App - boom refused',
    'java.lang.IllegalStateException: timeout in trace',
    '\tat c.e.App.run(App.java:10)',
    'I1125 10:00:03.000000 1 x.go:1] klog timeout',
  ];
  const lines = [...mixedLogLines(40_000), ...extra];
  const cuts = [5000, 12_345, 40_002, 40_003];

  function stores(mergeWindow?: number): [LogStore, LogStore] {
    const options = { maxLines: 20_000, ...(mergeWindow ? { mergeWindow } : {}), now: () => T0 };
    const parsed = new LogStore(options);
    const scanned = new LogStore(options);
    const parser = new EntryParser();
    const scanner = new LineScanner();
    const batch = new ScanBatch();
    const a = parsed.source('file');
    const b = scanned.source('file');
    const toEntry = (e: ReturnType<EntryParser['push']>[number]): StoreEntry => ({ time: e.time, level: e.level, format: e.format, text: e.text, raw: e.raw, fields: e.fields, extra: e.extra });
    let from = 0;
    for (const cut of [...cuts, lines.length]) {
      const part = lines.slice(from, cut);
      parsed.add(a, part.flatMap((l) => parser.push(l)).map(toEntry));
      // CR LF in one chunk: the blob then takes the line-by-line road.
      scanner.push(part.map((l) => l + (from === 5000 ? '\r\n' : '\n')).join(''), batch);
      scanned.addScanned(b, batch);
      from = cut;
    }
    parsed.add(a, parser.flush().map(toEntry));
    scanner.flush(batch);
    scanned.addScanned(b, batch);
    return [parsed, scanned];
  }

  const filters = [
    {},
    { text: [{ text: 'timeout|refused', regex: true }] },
    { text: [{ text: 'Failed', caseSensitive: true }] },
    { text: [{ text: 'timeout(?= in)', regex: true }] },
    { text: [{ text: 'at c\\.e', regex: true }] },
    { text: [{ text: '^$|^10\\.', regex: true }, { text: 'GET', exclude: true }] },
    { levels: ['error' as const, 'fatal' as const] },
    { fields: [{ key: 'service', value: 'orders' }] },
    { fields: [{ key: 'status', value: '*' }], text: [{ text: 'POST' }] },
  ];

  it('the same lines, matches, histograms and exports, with late lines merged and the oldest dropped', async () => {
    for (const mergeWindow of [undefined, 100]) {
      const [parsed, scanned] = stores(mergeWindow);
      expect(scanned.total).toBe(parsed.total);
      expect(scanned.dropped).toBe(parsed.dropped);
      expect(scanned.dropped).toBeGreaterThan(0);
      for (const filter of filters) {
        const want = parsed.window(filter, 0, 2000);
        expect(want.matched, JSON.stringify(filter)).toBeGreaterThan(0);
        expect(scanned.window(filter, 0, 2000), JSON.stringify(filter)).toEqual(want);
        expect(scanned.window(filter, -2000, 2000), JSON.stringify(filter)).toEqual(parsed.window(filter, -2000, 2000));
        expect(scanned.histogram(filter, 50)).toEqual(parsed.histogram(filter, 50));
      }
      const files = ['parsed', 'scanned'].map((name) => path.join(tmp, `${name}-${mergeWindow}.log`));
      expect(await scanned.exportTo(filters[1]!, files[1]!)).toBe(await parsed.exportTo(filters[1]!, files[0]!));
      expect(readFileSync(files[1]!, 'utf8')).toBe(readFileSync(files[0]!, 'utf8'));
      // Field keys are sampled from scanned lines: the common ones are known.
      expect(scanned.fieldKeys()).toEqual(expect.arrayContaining(['ts', 'level', 'msg', 'service', 'time', 'status', 'remote', 'method']));
    }
  });

  it('releases the text of dropped lines, even when late lines keep a little of each chunk', () => {
    const store = new LogStore({ maxLines: 20_000, now: () => T0 });
    const source = store.source('f');
    // Syslog lines told to be from 2030 (an explicit year, not the neighbours') sort after the rest (2024), so they outlive their chunks' other lines.
    const scanner = new LineScanner({ year: 2030 });
    const batch = new ScanBatch();
    // 200,000 lines in chunks of 5000.
    const all = [...mixedLogLines(200_000)];
    for (let i = 0; i < all.length; i += 5000) {
      scanner.push(all.slice(i, i + 5000).join('\n') + '\n', batch);
      store.addScanned(source, batch);
    }
    expect(store.total).toBe(20_000);
    // 20,000 entries of ~280 bytes and their columns; keeping every chunk a syslog line points into would be ~55 MB.
    expect(store.bytes()).toBeLessThan(20_000 * 400 + 4 * 1024 * 1024);
    expect(store.window({}, -1, 1).lines[0]!.format).toBe('syslog');
  });
});

describe('LogStore at scale', () => {
  it('holds 1,000,000 lines and filters them with a regex', () => {
    const store = new LogStore({ maxLines: 2_000_000 });
    const sources = [store.source('web-1'), store.source('web-2'), store.source('db-1')];
    const words = ['ok', 'slow', 'connection timeout', 'retry', 'refused by upstream', 'done'];
    let expected = 0;
    const loadStart = performance.now();
    for (let batch = 0; batch < 1000; batch++) {
      const source = sources[batch % 3]!;
      const entries: StoreEntry[] = [];
      for (let i = 0; i < 1000; i++) {
        const n = batch * 1000 + i;
        const word = words[(n * 7919) % words.length]!;
        if (word.includes('timeout') || word.includes('refused')) expected++;
        const raw = `2024-01-01T12:00:00Z INFO request ${n} path=/api/v1/items/${n % 977} ${word} in ${n % 1000}ms`;
        entries.push({ time: T0 + n, level: 'info', format: 'iso', text: raw.slice(26), raw });
      }
      store.add(source, entries);
    }
    const loadMs = performance.now() - loadStart;
    expect(store.total).toBe(1_000_000);
    const filterStart = performance.now();
    const window = store.window({ text: [{ text: 'timeout|refused', regex: true }] }, -10, 10);
    const filterMs = performance.now() - filterStart;
    console.log(`[scale] 1,000,000 lines added in ${loadMs.toFixed(0)} ms; regex filter in ${filterMs.toFixed(0)} ms; ~${(store.bytes() / 1e6).toFixed(0)} MB held`);
    expect(window.matched).toBe(expected);
    expect(window.lines).toHaveLength(10);
    expect(window.lines.every((l) => /timeout|refused/.test(l.text))).toBe(true);
    expect(window.lines.at(-1)!.seq).toBe(Math.max(...[999_999, 999_998, 999_997, 999_996, 999_995, 999_994].filter((n) => /timeout|refused/.test(words[(n * 7919) % words.length]!))));
    // A second look at the same filter only tests what arrived since.
    const againStart = performance.now();
    expect(store.window({ text: [{ text: 'timeout|refused', regex: true }] }, 0, 1).matched).toBe(expected);
    console.log(`[scale] same filter again in ${(performance.now() - againStart).toFixed(1)} ms`);
  });
});
