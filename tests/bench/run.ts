import { chipBadgeRows } from './chip-badges.ts';
import { databaseRows } from './database.ts';
import { meetCallRows } from './meet-call.ts';
import { mutationRows } from './mutations.ts';
import { panelVisibleRows } from './panel-visible.ts';
import { popupRows } from './popup.ts';
import { report } from './report.ts';
import { sizeRows } from './sizes.ts';

// `npm run bench`: builds, zips and builds the bench mode first (package.json), then measures. Exit 1 if any row is over budget.
const rows = [
  ...sizeRows(),
  ...(await panelVisibleRows()),
  ...(await chipBadgeRows()),
  ...(await mutationRows()),
  ...(await meetCallRows()),
  ...(await databaseRows()),
  ...(await popupRows()),
];
if (!report(rows)) {
  console.error('Some figures are over budget.');
  process.exitCode = 1;
}
