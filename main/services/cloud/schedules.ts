// Start/stop schedules ("run instances tagged env=dev 08:00–20:00 on
// weekdays"): when a schedule wants its instances running, in its own time
// zone, when it next changes its mind, and where schedules are kept (a JSON
// file in the data directory, written atomically).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Schedule } from '../../../shared/contract/cloud';

type ScheduleRule = Pick<Schedule, 'days' | 'start' | 'end' | 'timezone'>;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Day of week (0 = Sunday) and minute of day at `at` in `timezone`. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTime(at: number, timezone: string | undefined): { day: number; minute: number } {
  // Building a formatter costs far more than using one: one per time zone.
  let format = formatters.get(timezone ?? '');
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timezone ?? '', format);
  }
  const parts = format.formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: WEEKDAYS.indexOf(get('weekday')), minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Whether instances should run at `at`. A window that ends before it starts (22:00–06:00) runs overnight, into the next day. */
export function shouldRun(rule: ScheduleRule, at: number): boolean {
  const { day, minute } = localTime(at, rule.timezone);
  const start = minutes(rule.start);
  const end = minutes(rule.end);
  if (start === end) return rule.days.includes(day);
  if (start < end) return rule.days.includes(day) && minute >= start && minute < end;
  const yesterday = (day + 6) % 7;
  return (rule.days.includes(day) && minute >= start) || (rule.days.includes(yesterday) && minute < end);
}

/** The next minute at which `shouldRun` changes, within a week, or null if it never does. */
export function nextChange(rule: ScheduleRule, from: number): number | null {
  const now = shouldRun(rule, from);
  const first = Math.ceil((from + 1) / 60_000) * 60_000;
  for (let t = first; t <= from + 8 * 86_400_000; t += 60_000) if (shouldRun(rule, t) !== now) return t;
  return null;
}

export function validTimezone(timezone: string | undefined): boolean {
  if (!timezone) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const File = z.object({ schedules: z.array(Schedule) });

export class ScheduleStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'cloud-schedules.json');
  }

  list(): Schedule[] {
    if (!existsSync(this.file)) return [];
    const parsed = File.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`${this.file} is not a valid schedules file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data.schedules;
  }

  save(input: Omit<Schedule, 'id'> & { id?: string | undefined }): Schedule {
    const schedules = this.list();
    const schedule: Schedule = { ...input, id: input.id || `s${randomBytes(5).toString('hex')}` };
    const index = schedules.findIndex((s) => s.id === schedule.id);
    if (index >= 0) schedules[index] = schedule;
    else schedules.push(schedule);
    this.write(schedules);
    return schedule;
  }

  remove(id: string): boolean {
    const schedules = this.list();
    const kept = schedules.filter((s) => s.id !== id);
    if (kept.length === schedules.length) return false;
    this.write(kept);
    return true;
  }

  private write(schedules: Schedule[]): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ schedules }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
