/** A small line of the last hour's values (SVG; no library needed for a polyline). */
export function Sparkline({ values, max, width = 80, height = 18, label }: { values: Array<number | null>; max: number; width?: number; height?: number; label: string }) {
  const points = values
    .map((v, i) => (v === null ? undefined : `${((i / Math.max(1, values.length - 1)) * width).toFixed(1)},${(height - 1 - (Math.min(v, max) / max) * (height - 2)).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.2" />
    </svg>
  );
}
