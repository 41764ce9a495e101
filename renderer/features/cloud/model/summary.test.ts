import { describe, expect, it } from 'vitest';
import { formatHours, runningSummary } from './summary';
import { instance } from './testing';

const HOUR = 3_600_000;
const NOW = 1_700_000_000_000;

describe('runningSummary', () => {
  const list = [
    instance({ id: 'i-00000000000000001', type: 't3.micro', state: 'running', launchTime: NOW - 10 * HOUR }),
    instance({ id: 'i-00000000000000002', type: 't3.micro', state: 'running', launchTime: NOW - 2 * HOUR }),
    instance({ id: 'i-00000000000000003', type: 'm5.large', state: 'running', launchTime: NOW - 30 * HOUR }),
    instance({ id: 'i-00000000000000004', type: 'm5.large', state: 'stopped', launchTime: NOW - 100 * HOUR }),
    instance({ id: 'i-00000000000000005', type: 'c5.large', state: 'pending', launchTime: NOW }),
    instance({ id: 'i-00000000000000006', type: 'r5.large', state: 'running', launchTime: null }),
  ];
  const summary = runningSummary(list, NOW);

  it('counts only running instances', () => {
    expect(summary.count).toBe(4);
  });

  it('adds up instance-hours since launch', () => {
    expect(summary.hours).toBeCloseTo(42);
  });

  it('groups by type, most hours first', () => {
    expect(summary.byType).toEqual([
      { type: 'm5.large', count: 1, hours: 30 },
      { type: 't3.micro', count: 2, hours: 12 },
      { type: 'r5.large', count: 1, hours: 0 },
    ]);
  });

  it('lists the longest-running first, unknown launch times last', () => {
    expect(summary.longest.map((l) => l.instance.id)).toEqual(['i-00000000000000003', 'i-00000000000000001', 'i-00000000000000002', 'i-00000000000000006']);
    expect(summary.longest[3]!.hours).toBeUndefined();
  });

  it('counts a launch time in the future (clock skew) as zero hours', () => {
    expect(runningSummary([instance({ state: 'running', launchTime: NOW + HOUR })], NOW).hours).toBe(0);
  });

  it('is empty when nothing runs', () => {
    expect(runningSummary([], NOW)).toEqual({ count: 0, hours: 0, byType: [], longest: [] });
  });
});

it('formats hours', () => {
  expect(formatHours(0.44)).toBe('0.4 h');
  expect(formatHours(1234.6)).toBe('1,235 h');
});
