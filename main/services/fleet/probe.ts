// Health without agents: one POSIX sh script per host per sweep, reading /proc
// and df (nothing to install), parsed here. CPU% needs two readings of
// /proc/stat, so it comes from the difference with the previous sweep.

/** Sections separated by a marker line, so one exec answers everything. */
export const PROBE_SCRIPT = [
  'echo "@os"; uname -s',
  'echo "@kernel"; uname -r',
  'echo "@release"; (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")',
  'echo "@uptime"; cat /proc/uptime 2>/dev/null',
  'echo "@load"; cat /proc/loadavg 2>/dev/null',
  'echo "@cores"; (nproc 2>/dev/null || grep -c ^processor /proc/cpuinfo 2>/dev/null)',
  'echo "@stat"; head -n 1 /proc/stat 2>/dev/null',
  'echo "@mem"; grep -E "^(MemTotal|MemAvailable):" /proc/meminfo 2>/dev/null',
  'echo "@df"; df -P -k -x tmpfs -x devtmpfs -x squashfs -x efivarfs 2>/dev/null',
  'echo "@end"',
].join('; ');

export interface CpuTicks {
  busy: number;
  total: number;
}

export interface ProbeReading {
  supported: boolean;
  /** uname -s, e.g. Linux or Darwin. */
  os: string;
  kernel: string;
  release: string;
  uptimeS: number;
  load: [number, number, number];
  cores: number;
  cpu: CpuTicks;
  memTotalKb: number;
  memAvailableKb: number;
  /** The fullest real filesystem. */
  worstDisk: { mount: string; usedPct: number } | undefined;
}

function sections(output: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    const marker = /^@(\w+)$/.exec(line.trim());
    if (marker) {
      current = [];
      map.set(marker[1]!, current);
    } else if (current && line.trim()) {
      current.push(line.trim());
    }
  }
  return map;
}

/** Parse the probe's output; `undefined` if it is not the probe's output at all. */
export function parseProbe(output: string): ProbeReading | undefined {
  const s = sections(output);
  if (!s.has('end')) return undefined;
  const os = s.get('os')?.[0] ?? '';
  const first = (key: string) => s.get(key)?.[0] ?? '';
  const reading: ProbeReading = {
    supported: os === 'Linux',
    os,
    kernel: first('kernel'),
    release: first('release'),
    uptimeS: 0,
    load: [0, 0, 0],
    cores: 1,
    cpu: { busy: 0, total: 0 },
    memTotalKb: 0,
    memAvailableKb: 0,
    worstDisk: undefined,
  };
  if (!reading.supported) return reading;
  reading.uptimeS = Number(first('uptime').split(/\s+/)[0]) || 0;
  const load = first('load').split(/\s+/).slice(0, 3).map(Number);
  if (load.length === 3 && load.every(Number.isFinite)) reading.load = load as [number, number, number];
  reading.cores = Math.max(1, Number(first('cores')) || 1);
  // cpu  user nice system idle iowait irq softirq steal ...: idle time is idle + iowait.
  const ticks = first('stat').split(/\s+/).slice(1).map(Number).filter(Number.isFinite);
  if (ticks.length >= 4) {
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    reading.cpu = { busy: total - idle, total };
  }
  for (const line of s.get('mem') ?? []) {
    const m = /^(MemTotal|MemAvailable):\s+(\d+)/.exec(line);
    if (m?.[1] === 'MemTotal') reading.memTotalKb = Number(m[2]);
    if (m?.[1] === 'MemAvailable') reading.memAvailableKb = Number(m[2]);
  }
  for (const line of (s.get('df') ?? []).slice(1)) {
    // Filesystem 1024-blocks Used Available Capacity Mounted-on (mount points may contain spaces).
    const m = /^\S+\s+\d+\s+\d+\s+\d+\s+(\d+)%\s+(.+)$/.exec(line);
    if (!m) continue;
    const usedPct = Number(m[1]);
    if (!reading.worstDisk || usedPct > reading.worstDisk.usedPct) reading.worstDisk = { mount: m[2]!, usedPct };
  }
  return reading;
}

/** CPU busy % between two readings (undefined for the first one). */
export function cpuPercent(previous: CpuTicks | undefined, now: CpuTicks): number | undefined {
  if (!previous) return undefined;
  const total = now.total - previous.total;
  if (total <= 0) return undefined;
  return Math.max(0, Math.min(100, ((now.busy - previous.busy) / total) * 100));
}

export function memoryPercent(reading: ProbeReading): number | undefined {
  if (!reading.memTotalKb) return undefined;
  return ((reading.memTotalKb - reading.memAvailableKb) / reading.memTotalKb) * 100;
}
