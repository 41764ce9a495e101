// Lines per time bucket, stacked by level (SVG, no library). A click jumps to
// the bucket's first line; a drag across buckets sets the time range.
import { useState } from 'react';
import type { Histogram as HistogramData } from '../../../shared/contract/logs';
import { chipOfLevel, LEVEL_CHIPS, type LevelChip } from './model/filters';
import { count, formatTime } from './model/format';

const HEIGHT = 44;

/** Counts per level chip in one bucket. */
export function bucketLevels(bucket: Record<string, number>): Record<LevelChip, number> {
  const out: Record<LevelChip, number> = { error: 0, warn: 0, info: 0, debug: 0, trace: 0 };
  for (const [level, n] of Object.entries(bucket)) {
    const chip = level === 'fatal' || level === 'error' || level === 'warn' || level === 'info' || level === 'debug' || level === 'trace' || level === 'unknown' ? chipOfLevel(level) : 'info';
    out[chip] += n;
  }
  return out;
}

export function Histogram({ data, shown, onJump, onRange }: { data: HistogramData | undefined; shown: readonly LevelChip[]; onJump(from: number): void; onRange(from: number, to: number): void }) {
  const [drag, setDrag] = useState<{ start: number; end: number }>();
  const buckets = data?.counts ?? [];
  const levels = buckets.map(bucketLevels);
  const totals = levels.map((l) => LEVEL_CHIPS.reduce((sum, chip) => sum + l[chip], 0));
  const max = Math.max(1, ...totals);
  const width = 100 / Math.max(1, buckets.length);
  const finish = () => {
    if (!drag || !data) return setDrag(undefined);
    const lo = Math.min(drag.start, drag.end);
    const hi = Math.max(drag.start, drag.end);
    setDrag(undefined);
    if (lo === hi) onJump(data.from + lo * data.bucketMs);
    else onRange(data.from + lo * data.bucketMs, data.from + (hi + 1) * data.bucketMs - 1);
  };
  return (
    <div className="logs-histogram" data-testid="logs-histogram" data-buckets={buckets.length} onPointerLeave={() => setDrag(undefined)}>
      <svg width="100%" height={HEIGHT} viewBox={`0 0 100 ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label="Lines over time">
        {levels.map((l, i) => {
          let y = HEIGHT;
          const selected = drag && i >= Math.min(drag.start, drag.end) && i <= Math.max(drag.start, drag.end);
          const from = data!.from + i * data!.bucketMs;
          return (
            <g
              key={i}
              className={`logs-bucket${selected ? ' selected' : ''}`}
              data-testid={`logs-histogram-bucket-${i}`}
              data-count={totals[i]}
              onPointerDown={(e) => {
                e.preventDefault();
                setDrag({ start: i, end: i });
              }}
              onPointerEnter={() => setDrag((d) => (d ? { ...d, end: i } : d))}
              onPointerUp={finish}
            >
              <title>{`${formatTime(from, true)}: ${count(totals[i]!)} lines`}</title>
              <rect x={i * width} y={0} width={width} height={HEIGHT} className="logs-bucket-hit" />
              {[...LEVEL_CHIPS].reverse().map((chip) => {
                const n = l[chip];
                if (!n) return null;
                const h = Math.max(1, (n / max) * (HEIGHT - 2));
                y -= h;
                const dim = shown.length > 0 && !shown.includes(chip);
                return <rect key={chip} x={i * width + width * 0.08} y={y} width={width * 0.84} height={h} className={`logs-bar level-${chip}${dim ? ' dim' : ''}`} />;
              })}
            </g>
          );
        })}
      </svg>
      {data && buckets.length ? (
        <div className="logs-histogram-axis">
          <span>{formatTime(data.from, true)}</span>
          <span>{formatTime(data.from + buckets.length * data.bucketMs, true)}</span>
        </div>
      ) : null}
    </div>
  );
}
