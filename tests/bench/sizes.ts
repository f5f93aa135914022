import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from '../harness/browser.ts';
import type { BenchRow } from './report.ts';

const CONTENT_SCRIPT_BUDGET = 8 * 1024;
const ZIP_BUDGET = 250 * 1024;

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** Bytes users download and content scripts inject, from the last build and zip. */
export function sizeRows(): BenchRow[] {
  const rows: BenchRow[] = ['calendar', 'meet'].map((name) => {
    const file = join(EXTENSION_DIR, 'content-scripts', `${name}.js`);
    return {
      id: `size.content.${name}.gz`,
      value: gzipBytes(file),
      unit: 'bytes',
      budget: CONTENT_SCRIPT_BUDGET,
      detail: `gzip -9 of content-scripts/${name}.js (${statSync(file).size} bytes raw)`,
    };
  });
  const outputDir = resolve(EXTENSION_DIR, '..');
  const zip = readdirSync(outputDir).find((name) => name.endsWith('-chrome.zip'));
  if (!zip) throw new Error(`No Chrome zip in ${outputDir}: run "wxt zip" first.`);
  rows.push({
    id: 'size.zip',
    value: statSync(join(outputDir, zip)).size,
    unit: 'bytes',
    budget: ZIP_BUDGET,
    detail: zip,
  });
  return rows;
}
