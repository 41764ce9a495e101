// The schedule editor's form: a draft as the user types it, checked field by
// field before it goes to `cloud.saveSchedule` (main checks it again).
import type { Schedule } from '../../../../shared/contract/cloud';
import { isRegion } from './regions';

export interface ScheduleDraft {
  /** Set once saved. */
  id?: string;
  name: string;
  profile: string;
  regions: string[];
  /** `key=value`. */
  tag: string;
  /** 0 = Sunday. */
  days: number[];
  start: string;
  end: string;
  timezone: string;
  enabled: boolean;
}

export type ScheduleInput = Omit<Schedule, 'id'> & { id?: string };
export type ScheduleField = 'name' | 'profile' | 'regions' | 'tag' | 'days' | 'start' | 'end' | 'timezone';

export interface ScheduleCheck {
  errors: Partial<Record<ScheduleField, string>>;
  /** Allowed, but worth a second look. */
  warnings: string[];
  /** The schedule to send, when there is no error. */
  value: ScheduleInput | undefined;
}

export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
/** Monday first, as a working week reads. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function isTimeZone(name: string): boolean {
  if (!name.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name.trim() });
    return true;
  } catch {
    return false;
  }
}

export function newScheduleDraft(profile: string, regions: readonly string[], timezone = browserTimeZone()): ScheduleDraft {
  return { name: '', profile, regions: [...regions], tag: 'Schedule=office-hours', days: [1, 2, 3, 4, 5], start: '08:00', end: '19:00', timezone, enabled: true };
}

export function draftOf(schedule: Schedule, fallbackTimezone = browserTimeZone()): ScheduleDraft {
  return {
    id: schedule.id,
    name: schedule.name,
    profile: schedule.profile,
    regions: [...schedule.regions],
    tag: `${schedule.tagKey}=${schedule.tagValue}`,
    days: [...schedule.days].sort(),
    start: schedule.start,
    end: schedule.end,
    timezone: schedule.timezone ?? fallbackTimezone,
    enabled: schedule.enabled,
  };
}

/** `Schedule=office-hours` → key and value; the value may be empty (`key=`). */
export function parseScheduleTag(text: string): { key: string; value: string } | { error: string } {
  const trimmed = text.trim();
  const eq = trimmed.indexOf('=');
  if (!trimmed) return { error: 'Which instances follow it: a tag as key=value (e.g. Schedule=office-hours).' };
  if (eq < 0) return { error: 'Write the tag as key=value (e.g. Schedule=office-hours).' };
  const key = trimmed.slice(0, eq).trim();
  const value = trimmed.slice(eq + 1).trim();
  if (!key) return { error: 'The tag needs a key before "=".' };
  if (key.length > 128) return { error: 'Tag keys are at most 128 characters.' };
  if (value.length > 256) return { error: 'Tag values are at most 256 characters.' };
  return { key, value };
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export function checkSchedule(draft: ScheduleDraft): ScheduleCheck {
  const errors: ScheduleCheck['errors'] = {};
  const warnings: string[] = [];
  const name = draft.name.trim();
  if (!name) errors.name = 'Give it a name.';
  else if (name.length > 100) errors.name = 'At most 100 characters.';
  if (!draft.profile) errors.profile = 'Pick the AWS profile it acts with.';
  const regions = [...new Set(draft.regions)];
  if (regions.length === 0) errors.regions = 'Pick at least one region.';
  else if (regions.length > 40) errors.regions = 'At most 40 regions.';
  else {
    const bad = regions.find((r) => !isRegion(r));
    if (bad) errors.regions = `"${bad}" is not a region (such as eu-west-1).`;
  }
  const tag = parseScheduleTag(draft.tag);
  if ('error' in tag) errors.tag = tag.error;
  const days = [...new Set(draft.days)].filter((d) => Number.isInteger(d) && d >= 0 && d <= 6).sort();
  if (days.length === 0) warnings.push('No day is ticked: the instances stay stopped every day.');
  if (!TIME.test(draft.start)) errors.start = 'A time such as 08:00.';
  if (!TIME.test(draft.end)) errors.end = 'A time such as 19:00.';
  if (!errors.start && !errors.end) {
    if (draft.start === draft.end) warnings.push('The end is the start: the instances run all day on the days ticked.');
    else if (minutes(draft.end) < minutes(draft.start)) warnings.push(`Overnight: from ${draft.start} until ${draft.end} the next day.`);
  }
  const timezone = draft.timezone.trim();
  if (!isTimeZone(timezone)) errors.timezone = 'An IANA time zone such as Europe/Paris or UTC.';
  if (Object.keys(errors).length > 0 || 'error' in tag) return { errors, warnings, value: undefined };
  const value: ScheduleInput = { name, profile: draft.profile, regions, tagKey: tag.key, tagValue: tag.value, days, start: draft.start, end: draft.end, timezone, enabled: draft.enabled };
  if (draft.id) value.id = draft.id;
  return { errors, warnings, value };
}

/** "Mon–Fri", "Every day", "Sat, Sun", "No days". */
export function describeDays(days: readonly number[]): string {
  const set = new Set(days);
  if (set.size === 7) return 'Every day';
  if (set.size === 0) return 'No days';
  const ordered = WEEK_ORDER.filter((d) => set.has(d));
  // A run of consecutive days (in Monday-first order) reads as a range.
  const positions = ordered.map((d) => WEEK_ORDER.indexOf(d));
  const consecutive = positions.every((p, i) => i === 0 || p === positions[i - 1]! + 1);
  if (consecutive && ordered.length >= 3) return `${DAY_NAMES[ordered[0]!]}–${DAY_NAMES[ordered[ordered.length - 1]!]}`;
  return ordered.map((d) => DAY_NAMES[d]).join(', ');
}
