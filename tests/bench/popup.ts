import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BENCH_EXTENSION_DIR, EXTENSION_DIR, type ExtensionBrowser, launchWithExtension } from '../harness/browser.ts';
import { type BenchRow, percentile } from './report.ts';

/**
 * The sample, made around today (the browser runs in UTC): its sessions reach four weeks ahead, so the
 * popup shows next sessions and due items as it would for a user. No fake clock: Playwright's is a
 * script run in every page before the popup's own, which would be measured with it.
 */
const DATASET = { relationships: 10, years: 5, seed: 42, today: new Date().toISOString().slice(0, 10) };
const OPENINGS = 40;
/** Openings first, not kept: the first reads after seeding 50,000 records find the database cold. */
const WARM_UP = 2;
const FIRST_RENDER_BUDGET_MS = 150;
const SIZE_BUDGET = 60 * 1024;

/**
 * The toolbar popup: what it loads (size) and how soon its goals review is on screen with the large
 * sample dataset (latency), in real Chromium.
 */
export async function popupRows(): Promise<BenchRow[]> {
  return [popupSizeRow(), ...(await firstRenderRows())];
}

/** gzip -9 of every script, preloaded module and style sheet popup.html loads before its first paint. */
function popupSizeRow(): BenchRow {
  const html = readFileSync(join(EXTENSION_DIR, 'popup.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((match) => match[1] as string);
  const sizes = files.map((file) => gzipSync(readFileSync(join(EXTENSION_DIR, file)), { level: 9 }).length);
  return {
    id: 'size.popup.gz',
    value: sizes.reduce((sum, size) => sum + size, 0),
    unit: 'bytes',
    budget: SIZE_BUDGET,
    detail: `gzip -9 of the ${files.length} scripts and style sheets popup.html loads (forms load on first use)`,
  };
}

/**
 * Seeds the sample (10 relationships × 5 years) in the bench build, then opens popup.html again and
 * again at the popup's size and reads, with the Element Timing API, when the first relationship's
 * name was painted: time from navigation start to the goals review on screen. The first openings
 * warm caches, as any popup opened before has; they are not kept.
 */
async function firstRenderRows(): Promise<BenchRow[]> {
  const browser = await launchWithExtension({ extensionDir: BENCH_EXTENSION_DIR });
  try {
    const bench = await browser.context.newPage();
    await bench.goto(`chrome-extension://${browser.extensionId}/bench.html`);
    await bench.locator('html[data-bench-ready="1"]').waitFor();
    await bench.evaluate(
      (options) =>
        (window as unknown as { tandemBench: { seed(o: typeof options): Promise<unknown> } }).tandemBench.seed(options),
      DATASET,
    );
    await bench.close();

    const samples: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < WARM_UP + OPENINGS; i++) {
      // Alternating, so that both see the machine alike.
      const popup = await paintedAt(browser, 'popup.html');
      const blank = await paintedAt(browser, 'bench-blank.html');
      if (i >= WARM_UP) {
        samples.push(popup);
        floor.push(blank);
      }
    }
    const detail = `${OPENINGS} openings of popup.html in a new page at 380×600, navigation start → first relationship painted (Element Timing); ${DATASET.relationships} relationships × ${DATASET.years} years sample`;
    return [
      {
        id: 'popup.first-render.p95',
        value: percentile(samples, 95),
        unit: 'ms',
        budget: FIRST_RENDER_BUDGET_MS,
        detail,
      },
      { id: 'popup.first-render.median', value: percentile(samples, 50), unit: 'ms', budget: null, detail },
      {
        id: 'popup.first-render.floor.p95',
        value: percentile(floor, 95),
        unit: 'ms',
        budget: null,
        detail: `the same ${OPENINGS} openings, alternating, of a blank extension page that paints one line from a script (entrypoints/bench-blank, bench build only): the browser's and this machine's share of the figure above; median ${percentile(floor, 50)} ms`,
      },
    ];
  } finally {
    await browser.close();
  }
}

/**
 * Opens an extension page in a new page (as each click on the toolbar button makes) at the popup's
 * size, and returns when its `elementtiming="review"` element was painted, from navigation start.
 */
async function paintedAt(browser: ExtensionBrowser, path: string): Promise<number> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
  const painted = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error('nothing was painted within 30 s')), 30_000);
        new PerformanceObserver((list, observer) => {
          const entry = list
            .getEntries()
            .find((e) => (e as PerformanceEntry & { identifier: string }).identifier === 'review');
          if (!entry) return;
          clearTimeout(timeout);
          observer.disconnect();
          const timing = entry as PerformanceEntry & { renderTime: number; loadTime: number };
          resolve(timing.renderTime || timing.loadTime);
        }).observe({ type: 'element', buffered: true });
      }),
  );
  await page.close();
  return painted;
}
