import { databaseRows } from './database.ts';
import { panelVisibleRows } from './panel-visible.ts';
import { report } from './report.ts';
import { sizeRows } from './sizes.ts';

// `npm run bench`: builds, zips and builds the bench mode first (package.json), then measures. Exit 1 if any row is over budget.
const rows = [...sizeRows(), ...(await panelVisibleRows()), ...(await databaseRows())];
if (!report(rows)) {
  console.error('Some figures are over budget.');
  process.exitCode = 1;
}
