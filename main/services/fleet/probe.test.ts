import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { cpuPercent, memoryPercent, parseProbe, PROBE_SCRIPT } from './probe';

describe('health probe', () => {
  it('reads this machine the way /proc and df describe it', () => {
    const output = execFileSync('sh', ['-c', PROBE_SCRIPT], { encoding: 'utf8' });
    const reading = parseProbe(output)!;
    expect(reading.supported).toBe(true);
    expect(reading.os).toBe('Linux');
    expect(reading.kernel).toBe(os.release());
    expect(reading.cores).toBe(os.cpus().length);
    expect(Math.abs(reading.uptimeS - os.uptime())).toBeLessThan(5);
    const [load1] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
    expect(Math.abs(reading.load[0] - load1!)).toBeLessThan(1);
    expect(reading.memTotalKb).toBe(Math.round(os.totalmem() / 1024));
    const mem = memoryPercent(reading)!;
    expect(mem).toBeGreaterThan(0);
    expect(mem).toBeLessThan(100);
    expect(reading.worstDisk?.usedPct).toBeGreaterThanOrEqual(0);
    expect(reading.worstDisk?.mount).toMatch(/^\//);
  });

  it('computes CPU % from the difference between two readings', () => {
    expect(cpuPercent(undefined, { busy: 10, total: 100 })).toBeUndefined();
    expect(cpuPercent({ busy: 100, total: 1000 }, { busy: 150, total: 1100 })).toBeCloseTo(50);
  });

  it('marks a non-Linux host unsupported instead of failing', () => {
    const darwin = '@uname\nDarwin\n23.1.0\n@df\nFilesystem 1024-blocks Used Available Capacity Mounted on\n/dev/disk1s1 100 50 50 50% /\n@end\n';
    expect(parseProbe(darwin)).toMatchObject({ supported: false, os: 'Darwin', kernel: '23.1.0' });
  });

  it('takes the fullest real filesystem, mount points with spaces included', () => {
    const out = [
      '/proc/sys/kernel/ostype:Linux', '/proc/sys/kernel/osrelease:6.1', '/proc/uptime:10 5', '/proc/loadavg:0.1 0.2 0.3 1/1 1', '/etc/os-release:PRETTY_NAME="Debian GNU/Linux 12"',
      '/proc/stat:cpu  1 0 1 8 0 0 0 0 0 0', '/proc/stat:cpu0 1 0 1 4 0 0 0 0 0 0', '/proc/stat:cpu1 0 0 0 4 0 0 0 0 0 0', '/proc/meminfo:MemTotal:        1000 kB', '/proc/meminfo:MemAvailable:     250 kB',
      '@df', 'Filesystem 1024-blocks Used Available Capacity Mounted on', '/dev/a 100 10 90 10% /', '/dev/b 100 95 5 95% /mnt/backup disk', '@end', '',
    ].join('\n');
    const reading = parseProbe(out)!;
    expect(reading.worstDisk).toEqual({ mount: '/mnt/backup disk', usedPct: 95 });
    expect(memoryPercent(reading)).toBe(75);
    expect(reading.cpu).toEqual({ busy: 2, total: 10 });
    expect(reading.cores).toBe(2);
    expect(reading.release).toBe('Debian GNU/Linux 12');
  });

  it('rejects output that is not the probe\'s', () => {
    expect(parseProbe('bash: line 1: permission denied')).toBeUndefined();
  });
});
