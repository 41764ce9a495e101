// Log views: each one a LogStore fed by some sources (pods, files, journald),
// every source's lines parsed by its own EntryParser and merged by time (a
// source that hands over text, a local file, is scanned by a LineScanner
// around that parser: only offsets and columns are kept). A
// view belongs to the connection that opened it and closes with it; its
// events (source states, growth, fields seen) are coalesced to a few a
// second, and the renderer asks for only the window of lines it shows.
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import type { Contract } from '../../../shared/contract';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { LogLevel, LogSettings, LogSourceSpec, LogViewEvent, SourceState } from '../../../shared/contract/logs';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';
import { type LazyText, LineScanner, ScanBatch } from '../../../shared/logs/lite';
import type { ParsedEntry } from '../../../shared/logs/parse';
import type { Logger } from '../log';
import type { ConnectionContext, Handlers, StreamSink } from '../rpc/types';
import type { LogSourceHandle, RawLine, SourceSink, SourceStatus } from './sources';
import { LogStore, type StoreEntry } from './store';

/** Starts one source; the workbench binds SSH, Kubernetes and the tail length (`startSource` from ./sources). */
export type SourceFactory = (spec: LogSourceSpec, sink: SourceSink) => LogSourceHandle;

export interface LogServiceDeps {
  settings(): LogSettings;
  log: Logger;
  startSource: SourceFactory;
  /** Shortest time between two events of a kind on a view's stream (default 250 ms: at most 4 a second). */
  eventIntervalMs?: number;
  now?: () => number;
}

type ViewSink = StreamSink<LogViewEvent>;

const toStoreEntry = (entry: ParsedEntry): StoreEntry => ({
  time: entry.time,
  level: entry.level,
  format: entry.format,
  text: entry.text,
  raw: entry.raw,
  fields: entry.fields,
  extra: entry.extra,
});

class LogView implements Disposable {
  readonly store: LogStore;
  /** Per source: a scanner for text, whose parser also takes lines handed over one by one. */
  private readonly scanners = new Map<string, LineScanner>();
  private readonly batch = new ScanBatch();
  private readonly states = new Map<string, SourceState>();
  private readonly handles: LogSourceHandle[] = [];
  private readonly specs = new Set<string>();
  /** Pods-by-selector sources: the parent reports only failures, so it counts as streaming once a pod of its namespace appears. */
  private readonly groups = new Map<string, string>();
  private readonly sinks = new Set<ViewSink>();
  private dirtySources = false;
  private dirtyGrew = false;
  private sentFieldsVersion = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastEmit = -Infinity;
  private closed = false;
  /** Registered with the owning connection; removed when the view closes first. */
  ownership: Disposable | undefined;

  constructor(
    readonly id: string,
    readonly owner: number,
    private readonly deps: LogServiceDeps,
    private readonly log: Logger,
  ) {
    this.store = new LogStore({ maxLines: deps.settings().maxLines, ...(deps.now ? { now: deps.now } : {}) });
  }

  private readonly sink: SourceSink = {
    lines: (sourceId: string, label: string, lines: RawLine[]) => {
      if (this.closed || lines.length === 0) return;
      const state = this.state(sourceId, label);
      const scanner = this.scanner(sourceId);
      // An entry the scanner holds open ends here: these lines go through its parser.
      if (scanner.pending) this.flushScanner(sourceId, label);
      const entries: StoreEntry[] = [];
      for (const line of lines) for (const entry of scanner.parser.push(line.text, line.time)) entries.push(toStoreEntry(entry));
      this.append(sourceId, label, state, entries);
    },
    text: (sourceId: string, label: string, text: string | LazyText, bytes?: Uint8Array) => {
      if (this.closed || text.length === 0) return;
      const state = this.state(sourceId, label);
      const scanner = this.scanner(sourceId);
      // An entry the parser holds open (from lines handed over one by one) ends before this text.
      const before = scanner.parser.flush().map(toStoreEntry);
      if (before.length) this.append(sourceId, label, state, before);
      if (typeof text === 'string') scanner.push(text, this.batch, bytes);
      else scanner.push(text, this.batch, bytes!);
      this.appendScanned(sourceId, label, state);
    },
    status: (sourceId: string, label: string, status: SourceStatus) => {
      if (this.closed) return;
      const state = this.state(sourceId, label);
      const before = state.state;
      if (before === status.state && state.message === status.message) return;
      // What the source said before it went away comes before the marker.
      if (status.state !== 'streaming' && status.state !== 'connecting') this.flushParser(sourceId, label);
      state.state = status.state;
      if (status.message) state.message = status.message;
      else delete state.message;
      const marker = this.marker(state, before, status);
      if (marker) {
        this.store.add(this.store.source(sourceId, label), [marker]);
        state.lines++;
        this.dirtyGrew = true;
      }
      this.dirtySources = true;
      this.schedule();
    },
    idle: (sourceId: string) => {
      if (this.closed) return;
      const state = this.states.get(sourceId);
      if (state) this.flushParser(sourceId, state.label);
    },
  };

  private scanner(sourceId: string): LineScanner {
    let scanner = this.scanners.get(sourceId);
    if (!scanner) {
      scanner = new LineScanner();
      this.scanners.set(sourceId, scanner);
    }
    return scanner;
  }

  private flushScanner(sourceId: string, label: string): void {
    const scanner = this.scanners.get(sourceId);
    if (!scanner?.pending) return;
    scanner.flush(this.batch);
    this.appendScanned(sourceId, label, this.state(sourceId, label));
  }

  /** Complete whatever entry the source left open, scanned or parsed. */
  private flushParser(sourceId: string, label: string): void {
    const scanner = this.scanners.get(sourceId);
    if (!scanner) return;
    this.flushScanner(sourceId, label);
    const entries = scanner.parser.flush().map(toStoreEntry);
    if (entries.length) this.append(sourceId, label, this.state(sourceId, label), entries);
  }

  private appendScanned(sourceId: string, label: string, state: SourceState): void {
    const count = this.batch.count;
    if (count === 0) return;
    this.store.addScanned(this.store.source(sourceId, label), this.batch);
    state.lines += count;
    this.dirtyGrew = true;
    this.dirtySources = true;
    this.schedule();
  }

  private append(sourceId: string, label: string, state: SourceState, entries: StoreEntry[]): void {
    if (entries.length === 0) return;
    this.store.add(this.store.source(sourceId, label), entries);
    state.lines += entries.length;
    this.dirtyGrew = true;
    this.dirtySources = true;
    this.schedule();
  }

  /** A line in the stream where a source dropped, came back, ended or failed, so the gap shows where it is. */
  private marker(state: SourceState, before: SourceState['state'], status: SourceStatus): StoreEntry | undefined {
    const why = status.message ? `: ${status.message}` : '';
    let text: string | undefined;
    let level: LogLevel = 'info';
    if (status.state === 'retrying' && before !== 'retrying') {
      text = `${state.label} disconnected — retrying${why}`;
      level = 'warn';
    } else if (status.state === 'streaming' && before === 'retrying') {
      text = `${state.label} resumed`;
    } else if (status.state === 'failed' && before !== 'failed') {
      text = `${state.label} failed${why}`;
      level = 'warn';
    } else if (status.state === 'ended' && before !== 'ended') {
      text = `${state.label} ended${why}`;
    }
    if (!text) return undefined;
    return { time: (this.deps.now ?? Date.now)(), timed: false, level, format: 'marker', text, raw: text };
  }

  private state(sourceId: string, label: string): SourceState {
    let state = this.states.get(sourceId);
    if (!state) {
      state = { id: sourceId, label, state: 'connecting', lines: 0 };
      this.states.set(sourceId, state);
      this.store.source(sourceId, label);
      for (const [groupId, prefix] of this.groups) {
        const group = this.states.get(groupId);
        if (group?.state === 'connecting' && sourceId.startsWith(prefix)) group.state = 'streaming';
      }
      this.dirtySources = true;
      this.schedule();
    } else if (state.label !== label) {
      state.label = label;
      this.store.source(sourceId, label);
    }
    return state;
  }

  /** Start sources (a spec already running in this view is not started twice). */
  start(specs: LogSourceSpec[]): void {
    for (const spec of specs) {
      const key = JSON.stringify(spec);
      if (this.specs.has(key)) continue;
      this.specs.add(key);
      try {
        const handle = this.deps.startSource(spec, this.sink);
        this.handles.push(handle);
        if (spec.kind === 'pods') this.groups.set(handle.id, `pod:${spec.namespace}/`);
        this.state(handle.id, handle.label);
      } catch (error) {
        // A spec that cannot even start shows as a failed source, like one that fails later.
        const id = `${spec.kind}:${key}`;
        this.log.warn('log source did not start', { kind: spec.kind, error: String(error) });
        this.sink.status(id, spec.kind, { state: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  sources(): SourceState[] {
    return [...this.states.values()].map((s) => ({ ...s }));
  }

  subscribe(sink: ViewSink): Disposable {
    this.sinks.add(sink);
    sink.emit({ type: 'sources', sources: this.sources() });
    sink.emit({ type: 'grew', total: this.store.total, dropped: this.store.dropped, firstSeq: this.store.firstSeq });
    if (this.store.fieldsVersion > 0) sink.emit({ type: 'fields', keys: this.store.fieldKeys() });
    return toDisposable(() => this.sinks.delete(sink));
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    const interval = this.deps.eventIntervalMs ?? 250;
    const wait = Math.max(0, this.lastEmit + interval - Date.now());
    this.timer = setTimeout(() => this.emit(), wait);
  }

  private emit(): void {
    this.timer = undefined;
    if (this.closed) return;
    this.lastEmit = Date.now();
    const events: LogViewEvent[] = [];
    if (this.dirtySources) events.push({ type: 'sources', sources: this.sources() });
    if (this.dirtyGrew) events.push({ type: 'grew', total: this.store.total, dropped: this.store.dropped, firstSeq: this.store.firstSeq });
    if (this.store.fieldsVersion !== this.sentFieldsVersion) events.push({ type: 'fields', keys: this.store.fieldKeys() });
    this.dirtySources = false;
    this.dirtyGrew = false;
    this.sentFieldsVersion = this.store.fieldsVersion;
    for (const sink of this.sinks) for (const event of events) sink.emit(event);
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const handle of this.handles) {
      try {
        handle.stop();
      } catch (error) {
        this.log.warn('log source did not stop cleanly', { source: handle.id, error: String(error) });
      }
    }
    this.handles.length = 0;
    for (const sink of this.sinks) sink.end();
    this.sinks.clear();
    this.scanners.clear();
  }
}

export class LogService {
  private readonly views = new Map<string, LogView>();

  constructor(private readonly deps: LogServiceDeps) {}

  /** The view, if this connection opened it; anyone else is told it does not exist. */
  private view(viewId: string, connection: ConnectionContext): LogView {
    const view = this.views.get(viewId);
    if (!view || view.owner !== connection.id) throw new WorkbenchError({ code: 'not-found', message: `no log view "${viewId}"`, field: 'viewId' });
    return view;
  }

  private close(view: LogView): void {
    this.views.delete(view.id);
    view.dispose();
  }

  handlers(connection: ConnectionContext): Handlers<Contract>['logs'] {
    return {
      open: ({ sources }) => {
        const id = randomUUID();
        const view = new LogView(id, connection.id, this.deps, this.deps.log.child(id.slice(0, 8)));
        this.views.set(id, view);
        view.ownership = connection.disposables.add(toDisposable(() => this.close(view)));
        view.start(sources);
        return { viewId: id, sources: view.sources() };
      },
      add: ({ viewId, sources }) => {
        const view = this.view(viewId, connection);
        view.start(sources);
        return { sources: view.sources() };
      },
      close: ({ viewId }) => {
        const view = this.view(viewId, connection);
        if (view.ownership) connection.disposables.delete(view.ownership);
        this.close(view);
        return {};
      },
      events: ({ viewId }, sink) => this.view(viewId, connection).subscribe(sink),
      window: ({ viewId, filter, offset, limit }) => this.view(viewId, connection).store.window(filter, offset, limit),
      histogram: ({ viewId, filter, buckets }) => this.view(viewId, connection).store.histogram(filter, buckets),
      export: async ({ viewId, filter, path: requested }) => {
        const view = this.view(viewId, connection);
        // `~/…` as users type it; a relative path is relative to the home directory, not wherever main was started.
        const path = resolvePath(homedir(), requested.replace(/^~(?=$|\/)/, homedir()));
        const probe = view.store.window(filter, 0, 1);
        if (probe.filterError) {
          throw new WorkbenchError({ code: 'invalid-request', message: `filter ${probe.filterError.index + 1}: ${probe.filterError.message}`, field: 'filter' });
        }
        try {
          const lines = await view.store.exportTo(filter, path);
          return { lines, path };
        } catch (error) {
          throw new WorkbenchError({ code: 'io', message: `cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`, where: path });
        }
      },
    };
  }

  /** Figures for diagnostics and the benchmark. */
  stats(): { views: number; lines: number; bytes: number } {
    let lines = 0;
    let bytes = 0;
    for (const view of this.views.values()) {
      lines += view.store.total;
      bytes += view.store.bytes();
    }
    return { views: this.views.size, lines, bytes };
  }

  dispose(): void {
    for (const view of [...this.views.values()]) this.close(view);
  }
}
