// Health without agents: one POSIX sh script per host per sweep, reading /proc
// and df (nothing to install), parsed here. CPU% needs two readings of
// /proc/stat, so it comes from the difference with the previous sweep.

/**
 * The script, written to start as few processes as possible (each costs a
 * fork on the host, times every host, every sweep): one grep prints every
 * /proc line it needs prefixed by its file, one df, and uname only on a
 * system without /proc (to name it). Everything else is shell builtins.
 */
export const PROBE_SCRIPT = [
  'grep -H "" /proc/sys/kernel/ostype /proc/sys/kernel/osrelease /proc/uptime /proc/loadavg /etc/os-release 2>/dev/null',
  'grep -H -E "^(cpu[0-9]* |MemTotal:|MemAvailable:)" /proc/stat /proc/meminfo 2>/dev/null',
  '[ -r /proc/sys/kernel/ostype ] || { echo "@uname"; uname -s; uname -r; }',
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

/** "file:line" lines into file → lines, and the @sections after them. */
function parse(output: string): { files: Map<string, string[]>; sections: Map<string, string[]> } {
  const files = new Map<string, string[]>();
  const sections = new Map<string, string[]>();
  let section: string[] | undefined;
  for (const raw of output.split('\n')) {
    const line = raw.trimEnd();
    const marker = /^@(\w+)$/.exec(line.trim());
    if (marker) {
      section = [];
      sections.set(marker[1]!, section);
      continue;
    }
    if (section) {
      if (line.trim()) section.push(line.trim());
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0 && line.startsWith('/')) {
      const file = line.slice(0, colon);
      if (!files.has(file)) files.set(file, []);
      files.get(file)!.push(line.slice(colon + 1));
    }
  }
  return { files, sections };
}

/** Parse the probe's output; `undefined` if it is not the probe's output at all. */
export function parseProbe(output: string): ProbeReading | undefined {
  const { files, sections } = parse(output);
  if (!sections.has('end')) return undefined;
  const first = (file: string) => files.get(file)?.[0]?.trim() ?? '';
  const uname = sections.get('uname');
  const os = uname ? (uname[0] ?? '') : first('/proc/sys/kernel/ostype');
  const release = /^PRETTY_NAME="?([^"]*)"?$/.exec((files.get('/etc/os-release') ?? []).find((l) => l.startsWith('PRETTY_NAME=')) ?? '')?.[1] ?? '';
  const reading: ProbeReading = {
    supported: os === 'Linux',
    os,
    kernel: uname ? (uname[1] ?? '') : first('/proc/sys/kernel/osrelease'),
    release,
    uptimeS: 0,
    load: [0, 0, 0],
    cores: 1,
    cpu: { busy: 0, total: 0 },
    memTotalKb: 0,
    memAvailableKb: 0,
    worstDisk: undefined,
  };
  if (!reading.supported) return reading;
  reading.uptimeS = Number(first('/proc/uptime').split(/\s+/)[0]) || 0;
  const load = first('/proc/loadavg').split(/\s+/).slice(0, 3).map(Number);
  if (load.length === 3 && load.every(Number.isFinite)) reading.load = load as [number, number, number];
  const stat = files.get('/proc/stat') ?? [];
  // Online CPUs are the cpuN lines of /proc/stat.
  reading.cores = Math.max(1, stat.filter((l) => /^cpu\d+ /.test(l)).length);
  // cpu  user nice system idle iowait irq softirq steal ...: idle time is idle + iowait.
  const ticks = (stat.find((l) => l.startsWith('cpu ')) ?? '').split(/\s+/).slice(1).map(Number).filter(Number.isFinite);
  if (ticks.length >= 4) {
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    reading.cpu = { busy: total - idle, total };
  }
  for (const line of files.get('/proc/meminfo') ?? []) {
    const m = /^(MemTotal|MemAvailable):\s+(\d+)/.exec(line);
    if (m?.[1] === 'MemTotal') reading.memTotalKb = Number(m[2]);
    if (m?.[1] === 'MemAvailable') reading.memAvailableKb = Number(m[2]);
  }
  for (const line of (sections.get('df') ?? []).slice(1)) {
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
