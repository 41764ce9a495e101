// Which lines of a view the renderer holds, and the one request at a time
// that fetches more: windows of WINDOW lines around what is on screen, the
// newest need served first (what scrolled past meanwhile is never asked for),
// one-off probes (a match's offset, a bucket's first line) queued in between.
// While the screen moves, the window asked for is where the screen will be
// when the answer comes (its speed × the time an answer takes), so a fling
// finds its rows loaded instead of always one round trip behind.
import type { LogFilter, LogLine, LogWindow } from '../../../../shared/contract/logs';
import { filterKey } from './filters';
import { WindowCache, windowStart } from './window-cache';

export const WINDOW = 200;
/** A frame: moves closer together than this are measured as one. */
const FRAME_MS = 8;
/** The screen has stopped when it has not moved for this long. */
const STILL_MS = 40;

export interface WindowQuery {
  filter: LogFilter;
  offset: number;
  limit: number;
}

export type FetchWindow = (query: WindowQuery) => Promise<LogWindow>;

interface Probe {
  query: WindowQuery;
  resolve(window: LogWindow): void;
  reject(error: unknown): void;
}

export class LineFetcher {
  readonly cache = new WindowCache(10);
  filter: LogFilter = { text: [], levels: [], fields: [], sources: [] };
  key = filterKey(this.filter);
  /** Lines matching the filter, and in the view, as of the last answer (undefined: not asked yet for this filter). */
  matched: number | undefined;
  total = 0;
  filterError: LogWindow['filterError'];
  error: string | undefined;
  /** Rows wanted on screen, [from, to). */
  private want: [number, number] = [0, 0];
  private follow = false;
  private tailStale = true;
  private busy = false;
  private probes: Probe[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Requests sent, for tests and diagnostics. */
  sent = 0;
  /** The screen's speed (rows per ms, signed; 0 when still), measured over at least a frame, and when it last moved. */
  private velocity = 0;
  private sampleFrom = 0;
  private sampleAt = -Infinity;
  private movedAt = -Infinity;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** The screen position the last look ahead was made for: one per position, not a chain of guesses. */
  private aheadFor: number | undefined;
  /** How long an answer takes (ms, a moving average). */
  private latency = 10;

  constructor(
    private readonly fetch: FetchWindow,
    private readonly changed: () => void,
    private readonly debounceMs = 50,
    private readonly now: () => number = () => performance.now(),
  ) {}

  setFilter(filter: LogFilter): void {
    const key = filterKey(filter);
    if (key === this.key) return;
    this.filter = filter;
    this.key = key;
    this.matched = undefined;
    this.filterError = undefined;
    this.tailStale = true;
    this.pump();
  }

  setFollow(follow: boolean): void {
    this.follow = follow;
    if (follow) this.tailStale = true;
    this.pump();
  }

  /**
   * Rows [from, to) are on screen. Jumps farther than a screen are throttled
   * (one fetch per `debounceMs` at most, for wherever the screen is by then),
   * so a fast drag neither queues windows the user has already passed nor —
   * as a debounce did — shows nothing but loading rows until it stops.
   */
  show(from: number, to: number): void {
    const [prevFrom, prevTo] = this.want;
    this.want = [Math.max(0, from), Math.max(from, to)];
    if (from !== prevFrom) this.measure(from);
    const jump = Math.abs(from - prevFrom) > Math.max(1, prevTo - prevFrom);
    if (jump && this.debounceMs > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, this.debounceMs);
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pump();
  }

  /** Lines arrived (`dropped`: the oldest went, so every offset moved). */
  grew(dropped: boolean): void {
    if (dropped) this.cache.clear();
    else this.cache.grew();
    this.tailStale = true;
    this.pump();
  }

  line(index: number): LogLine | undefined {
    return this.cache.line(this.key, index);
  }

  /** A one-off query, sent in turn with the window requests. */
  probe(query: WindowQuery): Promise<LogWindow> {
    return new Promise((resolve, reject) => {
      this.probes.push({ query, resolve, reject });
      this.pump();
    });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.settleTimer);
    for (const p of this.probes) p.reject(new Error('closed'));
    this.probes = [];
  }

  /** The next request worth sending, if any. */
  private next(): { query: WindowQuery; probe?: Probe } | undefined {
    const probe = this.probes.shift();
    if (probe) return { query: probe.query, probe };
    const [from, to] = this.want;
    if (this.follow && this.tailStale) return { query: { filter: this.filter, offset: -WINDOW, limit: WINDOW } };
    const matched = this.matched;
    if (matched !== undefined && matched > 0 && !this.filterError) {
      // Where the screen will be when an answer comes (moving), then where it is, then a margin of half a window either side.
      const margin = WINDOW / 2;
      const lo = Math.max(0, Math.min(from, matched));
      const hi = Math.min(matched, to);
      const lead = Math.round(this.lead());
      const aheadLo = Math.max(0, Math.min(from + lead, matched));
      const aheadHi = Math.max(aheadLo, Math.min(matched, to + lead));
      // Faster than a screen per round trip: what is on screen now will be gone before it comes, so only the way ahead is asked for.
      const fast = Math.abs(lead) >= Math.max(1, to - from);
      if (fast && this.aheadFor === from) {
        this.settleLater();
        return undefined;
      }
      const missing = fast
        ? this.cache.firstMissing(this.key, aheadLo, aheadHi)
        : ((lead !== 0 ? this.cache.firstMissing(this.key, aheadLo, aheadHi) : undefined) ??
          this.cache.firstMissing(this.key, lo, hi) ??
          this.cache.firstMissing(this.key, Math.max(0, lo - margin), Math.min(matched, hi + margin)));
      if (missing !== undefined) {
        this.aheadFor = fast ? from : undefined;
        return { query: { filter: this.filter, offset: windowStart(missing, WINDOW), limit: WINDOW } };
      }
      // Only the way ahead was looked at: look again at the screen once it stops.
      if (fast) this.settleLater();
    }
    if (matched === undefined || this.tailStale) {
      // How many lines match now: ask for the first screen when the count is unknown, else one line at the end.
      return matched === undefined ? { query: { filter: this.filter, offset: windowStart(from, WINDOW), limit: WINDOW } } : { query: { filter: this.filter, offset: -1, limit: 1 } };
    }
    return undefined;
  }

  /** The screen moved to `from`: its speed, over a frame or more (several moves in one frame are one). */
  private measure(from: number): void {
    const at = this.now();
    const dt = at - this.sampleAt;
    if (dt > STILL_MS) this.velocity = 0;
    else if (dt >= FRAME_MS) this.velocity = 0.5 * this.velocity + (0.5 * (from - this.sampleFrom)) / dt;
    if (dt >= FRAME_MS) {
      this.sampleFrom = from;
      this.sampleAt = at;
    }
    this.movedAt = at;
  }

  /** Rows the screen has moved since it said where it was, and will move while a request is answered (signed); 0 once it has stood still for a few frames. */
  private lead(): number {
    const since = this.now() - this.movedAt;
    if (this.velocity === 0 || since > STILL_MS) return 0;
    return this.velocity * (since + this.latency + this.debounceMs / 2);
  }

  private settleLater(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      this.pump();
    }, STILL_MS + 5);
  }

  private pump(): void {
    if (this.busy || this.disposed) return;
    const next = this.next();
    if (!next) return;
    const { query, probe } = next;
    const key = filterKey(query.filter);
    const counts = !probe && key === this.key;
    if (counts) this.tailStale = false;
    this.busy = true;
    this.sent++;
    const sentAt = this.now();
    this.fetch(query).then(
      (window) => {
        this.busy = false;
        this.latency = 0.7 * this.latency + 0.3 * Math.max(1, this.now() - sentAt);
        if (this.disposed) return;
        if (probe) probe.resolve(window);
        if (key === this.key) {
          this.matched = window.matched;
          this.total = window.total;
          this.filterError = window.filterError;
          this.error = undefined;
          if (window.lines.length > 0 && query.limit > 1) this.cache.put({ filterKey: key, offset: window.offset, lines: window.lines, limit: query.limit });
          this.changed();
        }
        this.pump();
      },
      (error: unknown) => {
        this.busy = false;
        if (this.disposed) return;
        if (probe) probe.reject(error);
        else if (key === this.key) {
          this.error = error instanceof Error ? error.message : String(error);
          this.changed();
          // Do not hammer main with a failing request: the next scroll or growth asks again.
          return;
        }
        this.pump();
      },
    );
  }
}
