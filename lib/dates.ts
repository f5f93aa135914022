/**
 * Calendar days (`YYYY-MM-DD`) as the user lives them: in the browser's time zone. Due dates, target
 * dates and review dates are days without a zone (lib/model/common.ts `LocalDate`); "today" and
 * "tomorrow" are the user's.
 */

const DAY_MS = 86_400_000;

/** The user's calendar day at `at` (default now), e.g. `2026-11-23`. */
export function localDay(at: Date = new Date()): string {
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** `day` moved by `days` (negative: back). Works on the date alone, so no time zone or DST can shift it. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative if `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** When a session starts, in ms since the epoch: an instant, or local midnight of an all-day date. */
export function startTime(start: string): number {
  return start.length === 10 ? new Date(`${start}T00:00:00`).getTime() : new Date(start).getTime();
}
