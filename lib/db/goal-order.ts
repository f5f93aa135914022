import type { Goal } from '../model/goal';

// Apart from goals.ts, whose writes load zod: the popup sorts goals at its first paint.

/** Active goals, then proposed ones, then the rest; by target date (none last) within each. */
export function inFocusOrder(a: Goal, b: Goal): number {
  const rank = (g: Goal): number => (g.status === 'active' ? 0 : g.status === 'proposed' ? 1 : 2);
  return rank(a) - rank(b) || (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999');
}
