import { daysBetween } from '../../lib/dates';

/** A horizontal time scale for a small inline chart: days (`YYYY-MM-DD`) to x in `[left, right]`. */
export function dayScale(days: readonly string[], left: number, right: number): (day: string) => number {
  const sorted = [...days].sort();
  const first = sorted[0] ?? '1970-01-01';
  const span = Math.max(1, daysBetween(first, sorted.at(-1) ?? first));
  return (day) => left + ((right - left) * daysBetween(first, day)) / span;
}

/** Rounded to a tenth: short SVG attributes. */
export const r1 = (n: number): number => Math.round(n * 10) / 10;
