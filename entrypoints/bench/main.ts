import { exportBackup, importBackup, parseBackup, serializeBackup } from '../../lib/db/backup';
import { db } from '../../lib/db/database';
import { popupView } from '../../lib/db/popup-view';
import { buildSearchIndex } from '../../lib/db/search';
import { sessionView } from '../../lib/db/views';
import { generateSample } from '../../lib/sample/generate';
import { seedDatabase } from '../../lib/sample/seed';

/**
 * The database bench, driven from tests/bench over the DevTools protocol: every figure is measured
 * here, in real Chromium IndexedDB, through the same repository functions the panel and popup use.
 */
const QUERIES = ['promotion', 'promtion', 'design doc', 'feedback', 'resume', 'conference talk', 'salary', 'mentor'];

async function timed<T>(work: () => Promise<T>): Promise<[ms: number, result: T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

async function repeat(times: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  await work(-1); // warm-up: first reads open the database and fill caches
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push((await timed(() => work(i)))[0]);
  return samples;
}

let backupText = '';

const bench = {
  async seed(options: { relationships: number; years: number; seed: number }) {
    await db.delete({ disableAutoOpen: false });
    const data = generateSample(options);
    const [ms] = await timed(() => seedDatabase(data));
    return { ms, counts: Object.fromEntries(Object.entries(data).map(([table, rows]) => [table, rows.length])) };
  },
  async panel(times: number) {
    const ids = (await db.sessions.toArray()).filter((s) => s.relationshipId).map((s) => s.id);
    return repeat(times, (i) => sessionView(ids[(i * 7919 + 13) % ids.length] ?? ''));
  },
  popup(times: number) {
    return repeat(times, () => popupView('2026-11-23T12:00:00.000Z', '2026-11-23'));
  },
  async search(times: number) {
    const [buildMs, index] = await timed(buildSearchIndex);
    const samples = await repeat(times, async (i) => index.search(QUERIES[Math.abs(i) % QUERIES.length] ?? ''));
    return { buildMs, documents: index.size, samples };
  },
  async exportAll() {
    const [ms, text] = await timed(async () => serializeBackup(await exportBackup()));
    backupText = text;
    return { ms, bytes: new Blob([text]).size };
  },
  /** The file `exportAll` made, to restore it in another browser. */
  backup() {
    return backupText;
  },
  async importAll() {
    const [parseMs] = await timed(async () => parseBackup(backupText));
    const [ms] = await timed(() => importBackup(backupText));
    return { ms, parseMs };
  },
  /** A file restored into this browser's database, new and empty (a new device): every record is written. */
  async importFresh(text: string) {
    const [ms] = await timed(() => importBackup(text));
    return { ms, counts: await Promise.all([db.sessions.count(), db.agendas.count(), db.noteLists.count()]) };
  },
};

(window as unknown as { tandemBench: typeof bench }).tandemBench = bench;
document.documentElement.dataset.benchReady = '1';
