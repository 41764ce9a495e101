// A sink that keeps what sources send it, and waits for it.
import type { RawLine, SourceSink, SourceStatus } from '../index';

export interface Collected {
  sink: SourceSink;
  lines: Array<RawLine & { source: string; label: string }>;
  statuses: Array<SourceStatus & { source: string; label: string }>;
  idles: string[];
  /** Line calls, to check batching. */
  batches: number;
  texts(source?: string): string[];
  states(source?: string): string[];
  waitFor(what: string, probe: () => boolean, timeoutMs?: number): Promise<void>;
}

export function collect(): Collected {
  const out: Collected = {
    lines: [],
    statuses: [],
    idles: [],
    batches: 0,
    sink: {
      lines(source, label, lines) {
        out.batches++;
        for (const line of lines) out.lines.push({ ...line, source, label });
      },
      status(source, label, status) {
        out.statuses.push({ ...status, source, label });
      },
      idle(source) {
        out.idles.push(source);
      },
    },
    texts: (source) => out.lines.filter((l) => source === undefined || l.source === source).map((l) => l.text),
    states: (source) => out.statuses.filter((s) => source === undefined || s.source === source).map((s) => s.state),
    async waitFor(what, probe, timeoutMs = 10_000) {
      const start = Date.now();
      while (!probe()) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; states ${JSON.stringify(out.statuses)}; ${out.lines.length} lines, last ${JSON.stringify(out.lines.slice(-3))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** No line twice, none missing: exactly `expected`, in order. */
export function numbered(prefix: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(`${prefix} ${i}`);
  return out;
}
