// Ages as kubectl prints them (apimachinery's HumanDuration): two significant
// units while they matter ("5m30s", "3h20m", "2d5h"), one after ("45m", "12d").

/** `elapsedMs` as kubectl's AGE column shows it. */
export function formatDuration(elapsedMs: number): string {
  // Truncated toward zero, as Go's int(d.Seconds()).
  const seconds = Math.trunc(elapsedMs / 1000);
  // A clock a second or so ahead of the API server's is "now", not an error.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** The age of something created at `createdMs` (epoch ms), or '' when unknown. */
export function formatAge(createdMs: number | null | undefined, now: number): string {
  if (createdMs === null || createdMs === undefined || !Number.isFinite(createdMs) || createdMs <= 0) return '';
  return formatDuration(now - createdMs);
}
