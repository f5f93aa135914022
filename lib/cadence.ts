import { startTime } from './dates';
import type { Cadence } from './model/relationship';
import type { Session } from './model/session';

const DAY_MS = 86_400_000;
const FREQ_DAYS: Record<string, number> = { DAILY: 1, WEEKLY: 7, MONTHLY: 30, YEARLY: 365 };

/**
 * The agreed time between two sessions, in days: 7 for weekly, 14 for every two weeks, 30 for
 * monthly. A custom RRULE counts its interval and its days per period (`FREQ=WEEKLY;BYDAY=TU,TH`:
 * 3.5 days).
 */
export function cadenceDays(cadence: Cadence): number {
  switch (cadence.kind) {
    case 'weekly':
      return 7;
    case 'biweekly':
      return 14;
    case 'monthly':
      return 30;
    case 'custom': {
      const parts = rruleParts(cadence.rrule);
      const period = (FREQ_DAYS[parts.get('FREQ') ?? ''] ?? 7) * Math.max(1, Number(parts.get('INTERVAL') ?? '1') || 1);
      const byDay = parts.get('BYDAY');
      // BYDAY=1MO (the first Monday of the month) is once per period; BYDAY=TU,TH in a week is twice.
      const perPeriod = byDay && parts.get('FREQ') === 'WEEKLY' ? byDay.split(',').length : 1;
      return period / perPeriod;
    }
  }
}

/** An RRULE's parts by name: `FREQ=WEEKLY;INTERVAL=3` → FREQ → WEEKLY, INTERVAL → 3. */
export function rruleParts(rrule: string): Map<string, string> {
  return new Map(
    rrule
      .replace(/^RRULE:/, '')
      .split(';')
      .map((part) => part.split('=') as [string, string]),
  );
}

const FREQ_UNITS: Readonly<Record<string, string>> = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' };
const WEEKDAYS: Readonly<Record<string, string>> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

/**
 * The cadence in words. `short` (the default, for the UI): "every 2 weeks"; a custom RRULE is told
 * by its frequency and interval only. `full` (the Markdown export, which should lose nothing): also
 * its weekdays, "every week on Tuesday and Thursday", and a rule with more to it than that keeps its
 * RRULE in brackets, "every month (FREQ=MONTHLY;BYDAY=1TU)".
 */
export function cadenceLabel(cadence: Cadence, detail: 'short' | 'full' = 'short'): string {
  switch (cadence.kind) {
    case 'weekly':
      return 'every week';
    case 'biweekly':
      return 'every 2 weeks';
    case 'monthly':
      return 'every month';
    case 'custom': {
      const parts = rruleParts(cadence.rrule);
      const unit = FREQ_UNITS[parts.get('FREQ') ?? ''] ?? 'period';
      const interval = Number(parts.get('INTERVAL') ?? '1');
      const every = `every ${interval > 1 ? `${interval} ${unit}s` : unit}`;
      if (detail === 'short') return every;
      const days = (parts.get('BYDAY') ?? '').split(',').filter(Boolean);
      const dayNames = days.flatMap((day) => WEEKDAYS[day] ?? []);
      const onDays = days.length > 0 && dayNames.length === days.length ? ` on ${andList(dayNames)}` : '';
      const described = new Set(['FREQ', 'INTERVAL', ...(onDays ? ['BYDAY'] : [])]);
      const rest = [...parts.keys()].some((key) => !described.has(key))
        ? ` (${cadence.rrule.replace(/^RRULE:/, '')})`
        : '';
      return `${every}${onDays}${rest}`;
    }
  }
}

function andList(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Whether a session counts as having taken place: it is in the past and was not cancelled. */
export function tookPlace(session: Pick<Session, 'start' | 'status'>, nowMs: number): boolean {
  return session.start !== undefined && session.status !== 'cancelled' && startTime(session.start) <= nowMs;
}

/** Days between consecutive starts (oldest first in, oldest gap first out), rounded to whole days. */
export function gapsInDays(starts: readonly string[]): number[] {
  const times = starts.map(startTime);
  return times.slice(1).map((time, i) => Math.round((time - (times[i] as number)) / DAY_MS));
}

/** A gap is late when it is more than half again as long as agreed (a week's slip on a fortnightly rhythm). */
export function isLateGap(gapDays: number, cadence: Cadence): boolean {
  return gapDays > cadenceDays(cadence) * 1.5;
}
