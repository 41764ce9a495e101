export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function ago(epochMs: number | undefined, now = Date.now()): string {
  if (!epochMs) return 'never';
  const s = Math.max(0, (now - epochMs) / 1000);
  return s < 2 ? 'just now' : `${duration(s)} ago`;
}

export function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}
