import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../../shared/contract/cloud';
import { checkSchedule, describeDays, draftOf, isTimeZone, newScheduleDraft, parseScheduleTag, type ScheduleDraft } from './schedule-form';

const good = (patch: Partial<ScheduleDraft> = {}): ScheduleDraft => ({ ...newScheduleDraft('default', ['eu-west-1'], 'Europe/Paris'), name: 'Office hours', ...patch });

describe('checkSchedule', () => {
  it('turns a good draft into a schedule', () => {
    const check = checkSchedule(good({ tag: ' Schedule = office-hours ', days: [5, 1, 2, 2] }));
    expect(check.errors).toEqual({});
    expect(check.value).toEqual({
      name: 'Office hours',
      profile: 'default',
      regions: ['eu-west-1'],
      tagKey: 'Schedule',
      tagValue: 'office-hours',
      days: [1, 2, 5],
      start: '08:00',
      end: '19:00',
      timezone: 'Europe/Paris',
      enabled: true,
    });
  });

  it('keeps the id of a saved schedule', () => {
    expect(checkSchedule(good({ id: 's1' })).value?.id).toBe('s1');
  });

  it('needs a name, a profile and a region', () => {
    const check = checkSchedule(good({ name: '  ', profile: '', regions: [] }));
    expect(Object.keys(check.errors).sort()).toEqual(['name', 'profile', 'regions']);
    expect(check.value).toBeUndefined();
  });

  it('rejects a region that is not one', () => {
    expect(checkSchedule(good({ regions: ['eu-west-1', 'Paris'] })).errors.regions).toMatch(/Paris/);
  });

  it('needs the tag as key=value', () => {
    expect(checkSchedule(good({ tag: 'Schedule' })).errors.tag).toMatch(/key=value/);
    expect(checkSchedule(good({ tag: '=x' })).errors.tag).toMatch(/key/);
    expect(checkSchedule(good({ tag: '' })).errors.tag).toBeDefined();
    expect(checkSchedule(good({ tag: 'AutoStop=' })).value).toMatchObject({ tagKey: 'AutoStop', tagValue: '' });
  });

  it('needs times as HH:MM', () => {
    expect(checkSchedule(good({ start: '8:00' })).errors.start).toBeDefined();
    expect(checkSchedule(good({ end: '24:00' })).errors.end).toBeDefined();
  });

  it('reads the same start and end as all day, with a warning', () => {
    const check = checkSchedule(good({ start: '09:00', end: '09:00' }));
    expect(check.value).toBeDefined();
    expect(check.warnings.join(' ')).toMatch(/all day/);
  });

  it('accepts an overnight window with a warning', () => {
    const check = checkSchedule(good({ start: '22:00', end: '06:00' }));
    expect(check.value).toBeDefined();
    expect(check.warnings.join(' ')).toMatch(/next day/);
  });

  it('warns when no day is ticked (always stopped)', () => {
    const check = checkSchedule(good({ days: [] }));
    expect(check.value?.days).toEqual([]);
    expect(check.warnings.join(' ')).toMatch(/stopped every day/);
  });

  it('needs a real time zone', () => {
    expect(checkSchedule(good({ timezone: 'Mars/Olympus' })).errors.timezone).toBeDefined();
    expect(checkSchedule(good({ timezone: 'UTC' })).value?.timezone).toBe('UTC');
    expect(isTimeZone('')).toBe(false);
  });
});

it('parses the tag', () => {
  expect(parseScheduleTag('a=b=c')).toEqual({ key: 'a', value: 'b=c' });
});

it('reads a saved schedule back into a draft', () => {
  const schedule: Schedule = { id: 's1', name: 'n', profile: 'p', regions: ['us-east-1'], tagKey: 'k', tagValue: 'v', days: [5, 1], start: '07:30', end: '18:00', enabled: false };
  expect(draftOf(schedule, 'UTC')).toEqual({ id: 's1', name: 'n', profile: 'p', regions: ['us-east-1'], tag: 'k=v', days: [1, 5], start: '07:30', end: '18:00', timezone: 'UTC', enabled: false });
});

it('describes days as people say them', () => {
  expect(describeDays([1, 2, 3, 4, 5])).toBe('Mon–Fri');
  expect(describeDays([0, 1, 2, 3, 4, 5, 6])).toBe('Every day');
  expect(describeDays([6, 0])).toBe('Sat, Sun');
  expect(describeDays([1, 3])).toBe('Mon, Wed');
  expect(describeDays([])).toBe('No days');
});
