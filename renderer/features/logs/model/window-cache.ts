// The few windows of lines the renderer holds for a view: keyed by the
// filter and the offset they start at, the oldest forgotten first. Memory
// depends on the screen, not on the log's size.
import type { LogLine } from '../../../../shared/contract/logs';

export interface CachedWindow {
  filterKey: string;
  offset: number;
  lines: LogLine[];
  /** The limit asked for: a window shorter than that reached the end then. */
  limit: number;
}

export class WindowCache {
  private windows: CachedWindow[] = [];
  constructor(private readonly capacity = 8) {}

  get size(): number {
    return this.windows.length;
  }

  put(window: CachedWindow): void {
    this.windows = this.windows.filter((w) => !(w.filterKey === window.filterKey && w.offset === window.offset));
    this.windows.push(window);
    while (this.windows.length > this.capacity) this.windows.shift();
  }

  /** The line at `index` among the lines matching `filterKey`, if a window holds it. */
  line(filterKey: string, index: number): LogLine | undefined {
    for (let i = this.windows.length - 1; i >= 0; i--) {
      const w = this.windows[i]!;
      if (w.filterKey === filterKey && index >= w.offset && index < w.offset + w.lines.length) return w.lines[index - w.offset];
    }
    return undefined;
  }

  /** Whether every index in [from, to) is held (by any windows of that filter). */
  covers(filterKey: string, from: number, to: number): boolean {
    let at = from;
    while (at < to) {
      const w = this.windows.find((x) => x.filterKey === filterKey && at >= x.offset && at < x.offset + x.lines.length);
      if (!w) return false;
      at = w.offset + w.lines.length;
    }
    return true;
  }

  /** The first index in [from, to) no window holds, or undefined. */
  firstMissing(filterKey: string, from: number, to: number): number | undefined {
    let at = from;
    while (at < to) {
      const w = this.windows.find((x) => x.filterKey === filterKey && at >= x.offset && at < x.offset + x.lines.length);
      if (!w) return at;
      at = w.offset + w.lines.length;
    }
    return undefined;
  }

  /**
   * Lines were appended: windows that had reached the end may miss some, so
   * they go; full windows stay (lines keep their place until the oldest drop).
   */
  grew(): void {
    this.windows = this.windows.filter((w) => w.lines.length >= w.limit);
  }

  clear(): void {
    this.windows = [];
  }
}

/** Where a window starts so that it covers `index` with a margin either side: aligned, so scrolling reuses windows. */
export function windowStart(index: number, size: number): number {
  return Math.max(0, Math.floor(index / size) * size);
}
