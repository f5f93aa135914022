import { parseArgs } from 'node:util';
import { chipBadgeRows } from './chip-badges.ts';
import { databaseRows } from './database.ts';
import { meetCallRows } from './meet-call.ts';
import { mutationRows } from './mutations.ts';
import { panelVisibleRows } from './panel-visible.ts';
import { popupRows } from './popup.ts';
import { type BenchRow, report } from './report.ts';
import { sizeRows } from './sizes.ts';
import { syncRows } from './sync.ts';

// `npm run bench`: builds, zips and builds the bench mode first (package.json), then measures. Exit 1 if any row is over budget.
// `node tests/bench/run.ts --only sync,popup` measures only those modules (`sync` needs no build).
const MODULES: Record<string, () => BenchRow[] | Promise<BenchRow[]>> = {
  sizes: sizeRows,
  'panel-visible': panelVisibleRows,
  'chip-badges': chipBadgeRows,
  mutations: mutationRows,
  'meet-call': meetCallRows,
  database: databaseRows,
  popup: popupRows,
  sync: syncRows,
};
const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: true });
const only = values.only?.split(',').map((name) => name.trim()) ?? Object.keys(MODULES);
const unknown = only.filter((name) => !(name in MODULES));
if (unknown.length > 0) {
  console.error(`Unknown bench module(s): ${unknown.join(', ')}. Known: ${Object.keys(MODULES).join(', ')}.`);
  process.exit(2);
}
const rows: BenchRow[] = [];
for (const name of only) rows.push(...(await (MODULES[name] as () => BenchRow[] | Promise<BenchRow[]>)()));
if (!report(rows)) {
  console.error('Some figures are over budget.');
  process.exitCode = 1;
}
