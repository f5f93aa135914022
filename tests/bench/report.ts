import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One bench figure. Ids are stable across runs and issues; `budget: null` is informational. */
export interface BenchRow {
  id: string;
  value: number;
  unit: 'bytes' | 'ms' | 'count' | 'ratio' | 'requests' | 'ms/s';
  budget: number | null;
  /** The budget is a floor (e.g. a frame-rate ratio), not a ceiling. */
  atLeast?: true;
  detail: string;
}

export const RESULTS_FILE = resolve(import.meta.dirname, 'results.json');

export function overBudget(row: BenchRow): boolean {
  if (row.budget === null) return false;
  return row.atLeast ? row.value < row.budget : row.value > row.budget;
}

/** Prints the table, writes results.json, and tells whether every row is within budget. */
export function report(rows: BenchRow[]): boolean {
  writeFileSync(RESULTS_FILE, `${JSON.stringify(rows, null, 2)}\n`);
  const table = rows.map((row) => ({
    id: row.id,
    value: `${Number.isInteger(row.value) ? row.value : row.value.toFixed(1)} ${row.unit}`,
    budget: row.budget === null ? '—' : `${row.atLeast ? '≥ ' : ''}${row.budget} ${row.unit}`,
    ok: overBudget(row) ? 'OVER' : 'ok',
    detail: row.detail,
  }));
  console.table(table);
  console.log(`Wrote ${RESULTS_FILE}`);
  return rows.every((row) => !overBudget(row));
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}
