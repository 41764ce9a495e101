import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localTime, nextChange, ScheduleStore, shouldRun, validTimezone } from './schedules';

const weekdays = { days: [1, 2, 3, 4, 5], start: '08:00', end: '20:00', timezone: 'Europe/Paris' };
// 2026-11-25 is a Wednesday. Paris is UTC+1 in November.
const at = (iso: string) => Date.parse(iso);

describe('schedules', () => {
  it('reads the local day and time in the schedule\'s time zone', () => {
    expect(localTime(at('2026-11-25T07:30:00Z'), 'Europe/Paris')).toEqual({ day: 3, minute: 8 * 60 + 30 });
    expect(localTime(at('2026-11-25T23:30:00Z'), 'Asia/Tokyo')).toEqual({ day: 4, minute: 8 * 60 + 30 });
  });

  it('runs inside working hours on weekdays only', () => {
    expect(shouldRun(weekdays, at('2026-11-25T06:59:00Z'))).toBe(false); // 07:59 Paris
    expect(shouldRun(weekdays, at('2026-11-25T07:00:00Z'))).toBe(true); // 08:00
    expect(shouldRun(weekdays, at('2026-11-25T18:59:00Z'))).toBe(true); // 19:59
    expect(shouldRun(weekdays, at('2026-11-25T19:00:00Z'))).toBe(false); // 20:00
    expect(shouldRun(weekdays, at('2026-11-28T12:00:00Z'))).toBe(false); // Saturday
  });

  it('runs overnight windows into the next morning', () => {
    const night = { days: [5], start: '22:00', end: '06:00', timezone: 'UTC' };
    expect(shouldRun(night, at('2026-11-27T23:00:00Z'))).toBe(true); // Friday 23:00
    expect(shouldRun(night, at('2026-11-28T05:00:00Z'))).toBe(true); // Saturday 05:00
    expect(shouldRun(night, at('2026-11-28T07:00:00Z'))).toBe(false);
  });

  it('knows when it next changes its mind', () => {
    expect(nextChange(weekdays, at('2026-11-25T12:00:00Z'))).toBe(at('2026-11-25T19:00:00Z'));
    expect(nextChange(weekdays, at('2026-11-27T20:00:00Z'))).toBe(at('2026-11-30T07:00:00Z')); // Friday evening → Monday 08:00
    expect(nextChange({ days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '00:00' }, Date.now())).toBeNull();
  });

  it('rejects unknown time zones and keeps schedules in a file', () => {
    expect(validTimezone('Mars/Olympus')).toBe(false);
    expect(validTimezone('America/New_York')).toBe(true);
    const store = new ScheduleStore(mkdtempSync(path.join(os.tmpdir(), 'schedules-')));
    const saved = store.save({ name: 'dev hours', profile: 'default', regions: ['us-east-1'], tagKey: 'env', tagValue: 'dev', enabled: true, ...weekdays });
    expect(saved.id).toMatch(/^s[0-9a-f]{10}$/);
    expect(store.list()).toEqual([saved]);
    store.save({ ...saved, name: 'renamed' });
    expect(store.list().map((s) => s.name)).toEqual(['renamed']);
    expect(store.remove(saved.id)).toBe(true);
    expect(store.list()).toEqual([]);
  });
});
