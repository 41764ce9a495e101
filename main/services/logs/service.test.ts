import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LogFilter, LogSettings, type LogSourceSpec, type LogViewEvent } from '../../../shared/contract/logs';
import { DisposableStore, toDisposable, type Disposable } from '../../../shared/lib/disposable';
import { createLogger } from '../log';
import type { ConnectionContext, StreamSink } from '../rpc/types';
import { LogService, type LogServiceDeps, type SourceFactory } from './service';
import type { SourceSink } from './sources';
import { startFileSource } from './sources/file';

const log = createLogger('test', 'silent');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wb-logservice-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const all = LogFilter.parse({});
const filter = (input: Parameters<typeof LogFilter.parse>[0]) => LogFilter.parse(input);

function connectionOf(id: number): ConnectionContext {
  return { id, disposables: new DisposableStore(), log };
}

function collect() {
  const events: LogViewEvent[] = [];
  const controller = new AbortController();
  let ended = false;
  const sink: StreamSink<LogViewEvent> = {
    emit: (event) => events.push(event),
    end: () => {
      ended = true;
    },
    signal: controller.signal,
    paused: false,
    onPressure: () => toDisposable(() => {}),
  };
  return { sink, events, ended: () => ended, of: <T extends LogViewEvent['type']>(type: T) => events.filter((e): e is Extract<LogViewEvent, { type: T }> => e.type === type) };
}

async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A source the test drives by hand, through the sink the service gave it. */
function fakeSources() {
  const started: { spec: LogSourceSpec; sink: SourceSink; stopped: boolean }[] = [];
  const factory: SourceFactory = (spec, sink) => {
    const entry = { spec, sink, stopped: false };
    started.push(entry);
    const id = spec.kind === 'file' ? `file:${spec.path}` : spec.kind;
    return { id, label: spec.kind === 'file' ? path.basename(spec.path) : spec.kind, stop: () => (entry.stopped = true) };
  };
  return { started, factory };
}

const services: LogService[] = [];
function service(overrides: Partial<LogServiceDeps> = {}): LogService {
  const s = new LogService({ settings: () => LogSettings.parse({}), log, startSource: fakeSources().factory, eventIntervalMs: 20, ...overrides });
  services.push(s);
  return s;
}
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
});

describe('LogService over a real file', () => {
  it('reads, parses and merges a followed file, and tells what grew', async () => {
    const file = path.join(tmp, 'app.log');
    writeFileSync(
      file,
      [
        '{"ts":"2024-01-01T12:00:00.000Z","level":"info","msg":"started","component":"api"}',
        '2024-01-01T12:00:01.000Z ERROR request failed',
        'java.lang.IllegalStateException: boom',
        '\tat com.example.Handler.run(Handler.java:42)',
        '{"ts":"2024-01-01T12:00:02.000Z","level":"warn","msg":"slow","component":"db","ms":"1200"}',
        '',
      ].join('\n'),
    );
    const fileSource: SourceFactory = (spec, sink) => {
      if (spec.kind !== 'file') throw new Error('file only');
      return startFileSource(spec.path, { tailLines: 1000, log }, sink);
    };
    const logs = service({ startSource: fileSource });
    const connection = connectionOf(1);
    const h = logs.handlers(connection);
    const opened = await h.open({ sources: [{ kind: 'file', path: file }] }, connection);
    expect(opened.sources).toEqual([expect.objectContaining({ id: `file:${file}`, label: 'app.log' })]);
    const events = collect();
    const subscription = (await h.events({ viewId: opened.viewId }, events.sink, connection)) as Disposable;

    // The last entry completes when the file goes quiet (the source's idle call flushes the parser).
    await until(async () => (await h.window({ viewId: opened.viewId, filter: all, offset: 0, limit: 1 }, connection)).total >= 3);
    const lines = (await h.window({ viewId: opened.viewId, filter: all, offset: 0, limit: 100 }, connection)).lines;
    expect(lines.map((l) => [l.level, l.text])).toEqual([
      ['info', 'started'],
      ['error', 'request failed'],
      ['warn', 'slow'],
    ]);
    expect(lines[0]).toMatchObject({ seq: 0, timed: true, time: Date.UTC(2024, 0, 1, 12), source: `file:${file}`, format: 'json', fields: expect.objectContaining({ component: 'api' }) });
    expect(lines[1]!.extra).toEqual(['java.lang.IllegalStateException: boom', '\tat com.example.Handler.run(Handler.java:42)']);

    // A stack frame finds its entry.
    const found = await h.window({ viewId: opened.viewId, filter: filter({ text: [{ text: 'Handler\\.java:\\d+', regex: true }] }), offset: 0, limit: 10 }, connection);
    expect(found.lines.map((l) => l.text)).toEqual(['request failed']);

    await until(() => events.of('fields').at(-1)?.keys.includes('component'));
    await until(() => events.of('sources').at(-1)?.sources[0]?.state === 'streaming');

    appendFileSync(file, '2024-01-01T12:00:03.000Z INFO appended later\n2024-01-01T12:00:04.000Z INFO and more\n');
    await until(() => events.of('grew').at(-1)!.total >= 5);
    expect(events.of('grew').at(-1)).toEqual({ type: 'grew', total: 5, dropped: 0, firstSeq: 0 });
    expect(events.of('sources').at(-1)!.sources[0]).toMatchObject({ state: 'streaming', lines: 5 });

    const histogram = await h.histogram({ viewId: opened.viewId, filter: all, buckets: 5 }, connection);
    expect(histogram).toMatchObject({ from: Date.UTC(2024, 0, 1, 12), bucketMs: 1000 });
    expect(histogram.counts.map((c) => Object.values(c).reduce((a, b) => a + b, 0))).toEqual([1, 1, 1, 1, 1]);

    const out = path.join(tmp, 'export.txt');
    expect(await h.export({ viewId: opened.viewId, filter: filter({ levels: ['error', 'warn'] }), path: out }, connection)).toEqual({ lines: 2, path: out });
    expect(readFileSync(out, 'utf8')).toBe(
      [
        '2024-01-01T12:00:01.000Z app.log 2024-01-01T12:00:01.000Z ERROR request failed',
        '2024-01-01T12:00:01.000Z app.log java.lang.IllegalStateException: boom',
        '2024-01-01T12:00:01.000Z app.log \tat com.example.Handler.run(Handler.java:42)',
        '2024-01-01T12:00:02.000Z app.log {"ts":"2024-01-01T12:00:02.000Z","level":"warn","msg":"slow","component":"db","ms":"1200"}',
        '',
      ].join('\n'),
    );

    // A chunk that is not ASCII is decoded as UTF-8 (the ASCII ones above were kept as places in the file).
    appendFileSync(file, '2024-01-01T12:00:05.000Z WARN café naïve — 日本\n');
    await until(async () => (await h.window({ viewId: opened.viewId, filter: all, offset: 0, limit: 1 }, connection)).total >= 6);
    const last = (await h.window({ viewId: opened.viewId, filter: all, offset: -1, limit: 1 }, connection)).lines[0]!;
    expect([last.level, last.text]).toEqual(['warn', 'café naïve — 日本']);
    expect((await h.window({ viewId: opened.viewId, filter: filter({ text: [{ text: 'naïve' }] }), offset: 0, limit: 10 }, connection)).matched).toBe(1);

    expect(logs.stats()).toMatchObject({ views: 1, lines: 6 });
    await h.close({ viewId: opened.viewId }, connection);
    expect(events.ended()).toBe(true);
    subscription.dispose();
    expect(logs.stats()).toEqual({ views: 0, lines: 0, bytes: 0 });
    expect(() => h.window({ viewId: opened.viewId, filter: all, offset: 0, limit: 1 }, connection)).toThrow(expect.objectContaining({ code: 'not-found' }));
  });
});

describe('LogService views', () => {
  it('merges sources, parses per source, and flushes a pending entry when its source goes idle', async () => {
    const fake = fakeSources();
    const logs = service({ startSource: fake.factory });
    const connection = connectionOf(1);
    const h = logs.handlers(connection);
    const { viewId } = await h.open({ sources: [{ kind: 'file', path: '/a.log' }, { kind: 'file', path: '/b.log' }] }, connection);
    const [a, b] = fake.started;
    a!.sink.status('file:/a.log', 'a.log', { state: 'streaming' });
    a!.sink.lines('file:/a.log', 'a.log', [{ text: '2024-01-01T12:00:00Z INFO a one' }, { text: '2024-01-01T12:00:02Z INFO a two' }]);
    // b's lines carry an external timestamp (as kube's timestamps=true does); its stack trace continues across batches.
    b!.sink.lines('file:/b.log', 'b.log', [{ text: 'ERROR b failed', time: Date.UTC(2024, 0, 1, 12, 0, 1) }]);
    b!.sink.lines('file:/b.log', 'b.log', [{ text: '\tat x.y(Z.java:1)', time: Date.UTC(2024, 0, 1, 12, 0, 1) }]);
    let lines = (await h.window({ viewId, filter: all, offset: 0, limit: 10 }, connection)).lines;
    // a's second entry and b's entry are still open (the parser waits for the next line).
    expect(lines.map((l) => l.text)).toEqual(['a one']);
    a!.sink.idle('file:/a.log');
    b!.sink.idle('file:/b.log');
    lines = (await h.window({ viewId, filter: all, offset: 0, limit: 10 }, connection)).lines;
    expect(lines.map((l) => [l.source, l.text])).toEqual([
      ['file:/a.log', 'a one'],
      ['file:/b.log', 'b failed'],
      ['file:/a.log', 'a two'],
    ]);
    expect(lines[1]!.extra).toEqual(['\tat x.y(Z.java:1)']);
    expect((await h.window({ viewId, filter: filter({ sources: ['file:/b.log'] }), offset: 0, limit: 10 }, connection)).matched).toBe(1);
  });

  it('marks where a source dropped and came back, and reports states coalesced', async () => {
    const fake = fakeSources();
    let now = Date.UTC(2024, 0, 1, 12, 0, 10);
    const logs = service({ startSource: fake.factory, now: () => now, eventIntervalMs: 50 });
    const connection = connectionOf(1);
    const h = logs.handlers(connection);
    const { viewId } = await h.open({ sources: [{ kind: 'journald', hostId: 'web-1' }] }, connection);
    const events = collect();
    await h.events({ viewId }, events.sink, connection);
    expect(events.events.map((e) => e.type)).toEqual(['sources', 'grew']);
    const src = fake.started[0]!;
    src.sink.status('journald', 'web-1 journald', { state: 'streaming' });
    src.sink.lines('journald', 'web-1 journald', [{ text: 'before the drop', time: now - 1000 }, { text: 'last line', time: now - 500 }]);
    src.sink.status('journald', 'web-1 journald', { state: 'retrying', message: 'connection lost' });
    now += 5000;
    src.sink.status('journald', 'web-1 journald', { state: 'streaming' });
    src.sink.lines('journald', 'web-1 journald', [{ text: 'after', time: now + 100 }]);
    src.sink.idle('journald');
    const lines = (await h.window({ viewId, filter: all, offset: 0, limit: 10 }, connection)).lines;
    expect(lines.map((l) => [l.level, l.format, l.text])).toEqual([
      ['unknown', 'plain', 'before the drop'],
      ['unknown', 'plain', 'last line'],
      ['warn', 'marker', 'web-1 journald disconnected — retrying: connection lost'],
      ['info', 'marker', 'web-1 journald resumed'],
      ['unknown', 'plain', 'after'],
    ]);
    expect(lines[2]!.timed).toBe(false);
    // Four state changes and many lines, within one interval: one sources event and one grew event.
    await until(() => events.of('sources').length >= 2);
    await new Promise((r) => setTimeout(r, 120));
    expect(events.of('sources')).toHaveLength(2);
    expect(events.of('sources')[1]!.sources).toEqual([{ id: 'journald', label: 'web-1 journald', state: 'streaming', lines: 5 }]);
    expect(events.of('grew').at(-1)).toMatchObject({ total: 5 });

    now += 1000;
    src.sink.status('journald', 'web-1 journald', { state: 'failed', message: 'permission denied' });
    await until(() => events.of('sources').at(-1)!.sources[0]!.state === 'failed');
    expect(events.of('sources').at(-1)!.sources[0]).toMatchObject({ message: 'permission denied' });
    expect((await h.window({ viewId, filter: all, offset: -1, limit: 1 }, connection)).lines[0]!.text).toBe('web-1 journald failed: permission denied');
  });

  it('rate-limits growth events while lines pour in', async () => {
    const fake = fakeSources();
    const logs = service({ startSource: fake.factory, eventIntervalMs: 250 });
    const connection = connectionOf(1);
    const h = logs.handlers(connection);
    const { viewId } = await h.open({ sources: [{ kind: 'file', path: '/x.log' }] }, connection);
    const events = collect();
    await h.events({ viewId }, events.sink, connection);
    const src = fake.started[0]!;
    const start = Date.now();
    let n = 0;
    while (Date.now() - start < 1000) {
      src.sink.lines('file:/x.log', 'x.log', Array.from({ length: 100 }, () => ({ text: `line ${n++}` })));
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 300));
    const grew = events.of('grew');
    // One on subscribe, then at most one per 250 ms.
    expect(grew.length).toBeGreaterThanOrEqual(3);
    expect(grew.length).toBeLessThanOrEqual(7);
    src.sink.idle('file:/x.log');
    expect((await h.window({ viewId, filter: all, offset: 0, limit: 1 }, connection)).total).toBe(n);
  });

  it('drops the oldest past the cap and says so', async () => {
    const fake = fakeSources();
    const logs = service({ startSource: fake.factory, settings: () => LogSettings.parse({ maxLines: 10_000 }) });
    const connection = connectionOf(1);
    const h = logs.handlers(connection);
    const { viewId } = await h.open({ sources: [{ kind: 'file', path: '/x.log' }] }, connection);
    const events = collect();
    await h.events({ viewId }, events.sink, connection);
    const src = fake.started[0]!;
    for (let batch = 0; batch < 3; batch++) src.sink.lines('file:/x.log', 'x.log', Array.from({ length: 5000 }, (_, i) => ({ text: `line ${batch * 5000 + i}`, time: 1_700_000_000_000 + batch * 5000 + i })));
    src.sink.idle('file:/x.log');
    await until(() => events.of('grew').at(-1)!.total === 10_000);
    expect(events.of('grew').at(-1)).toEqual({ type: 'grew', total: 10_000, dropped: 5000, firstSeq: 5000 });
    const first = await h.window({ viewId, filter: all, offset: 0, limit: 1 }, connection);
    expect(first.lines[0]).toMatchObject({ seq: 5000, text: 'line 5000' });
  });

  it('answers a bad regex with a filter error, and refuses to export with it', async () => {
    const fake = fakeSources();
    const logs = service({ startSource: fake.factory });
    const connection = connectionOf(1);
    const h = logs.handlers(connection);
    const { viewId } = await h.open({ sources: [{ kind: 'file', path: '/x.log' }] }, connection);
    fake.started[0]!.sink.lines('file:/x.log', 'x.log', [{ text: 'hello' }, { text: 'world' }]);
    const bad = filter({ text: [{ text: 'a(', regex: true }] });
    const window = await h.window({ viewId, filter: bad, offset: 0, limit: 10 }, connection);
    expect(window).toMatchObject({ lines: [], matched: 0, filterError: { index: 0, message: expect.any(String) } });
    await expect(h.export({ viewId, filter: bad, path: path.join(tmp, 'bad.txt') }, connection)).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(h.export({ viewId, filter: all, path: path.join(tmp, 'missing', 'x.txt') }, connection)).rejects.toMatchObject({ code: 'io' });
  });

  it('belongs to the connection that opened it: others cannot see it, and it closes with it', async () => {
    const fake = fakeSources();
    const logs = service({ startSource: fake.factory });
    const owner = connectionOf(1);
    const other = connectionOf(2);
    const { viewId } = await logs.handlers(owner).open({ sources: [{ kind: 'file', path: '/x.log' }] }, owner);
    const added = await logs.handlers(owner).add({ viewId, sources: [{ kind: 'file', path: '/y.log' }, { kind: 'file', path: '/x.log' }] }, owner);
    // The spec already running is not started twice.
    expect(added.sources.map((s) => s.id)).toEqual(['file:/x.log', 'file:/y.log']);
    expect(fake.started).toHaveLength(2);
    const events = collect();
    await logs.handlers(owner).events({ viewId }, events.sink, owner);
    for (const call of [
      () => logs.handlers(other).window({ viewId, filter: all, offset: 0, limit: 1 }, other),
      () => logs.handlers(other).add({ viewId, sources: [{ kind: 'file', path: '/z.log' }] }, other),
      () => logs.handlers(other).close({ viewId }, other),
      () => logs.handlers(other).events({ viewId }, collect().sink, other),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: 'not-found' }));
    }
    owner.disposables.dispose();
    expect(fake.started.every((s) => s.stopped)).toBe(true);
    expect(events.ended()).toBe(true);
    expect(logs.stats().views).toBe(0);
    // Lines a stopped source still hands over are ignored.
    fake.started[0]!.sink.lines('file:/x.log', 'x.log', [{ text: 'late' }]);
  });

  it('counts a pods selector as streaming once one of its pods appears', async () => {
    const fake = fakeSources();
    const logs = service({ startSource: fake.factory });
    const connection = connectionOf(1);
    const h = logs.handlers(connection);
    const opened = await h.open({ sources: [{ kind: 'pods', context: 'c', namespace: 'shop', labelSelector: 'app=web', container: '*' }] }, connection);
    expect(opened.sources).toEqual([expect.objectContaining({ id: 'pods', state: 'connecting' })]);
    const src = fake.started[0]!;
    src.sink.status('pod:other/db-1/pg', 'db-1/pg', { state: 'streaming' });
    src.sink.status('pod:shop/web-1/nginx', 'web-1/nginx', { state: 'streaming' });
    src.sink.lines('pod:shop/web-1/nginx', 'web-1/nginx', [{ text: 'GET / 200', time: Date.UTC(2024, 0, 1) }]);
    src.sink.idle('pod:shop/web-1/nginx');
    const sources = (await h.add({ viewId: opened.viewId, sources: [{ kind: 'pods', context: 'c', namespace: 'shop', labelSelector: 'app=web', container: '*' }] }, connection)).sources;
    expect(sources.map((s) => [s.id, s.state, s.lines])).toEqual([
      ['pods', 'streaming', 0],
      ['pod:other/db-1/pg', 'streaming', 0],
      ['pod:shop/web-1/nginx', 'streaming', 1],
    ]);
    expect(fake.started).toHaveLength(1);
  });

  it('shows a source that cannot start as failed', async () => {
    const logs = service({
      startSource: () => {
        throw new Error('no such host "nope"');
      },
    });
    const connection = connectionOf(1);
    const opened = await logs.handlers(connection).open({ sources: [{ kind: 'journald', hostId: 'nope' }] }, connection);
    expect(opened.sources).toEqual([expect.objectContaining({ state: 'failed', message: 'no such host "nope"', lines: 1 })]);
  });
});
