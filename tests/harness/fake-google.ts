import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The extension built against the fake Google (`wxt build --mode fake`, configured by `.env.fake`)
 * and where that build expects the fake: read from `.env.fake` itself, so the port is written once.
 */
export const FAKE_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3-fake');

const env = parseEnv(readFileSync(resolve(import.meta.dirname, '../../.env.fake'), 'utf8'));
/**
 * The environment wins, as it does for WXT's build: a second checkout on the same machine builds
 * and tests on another port (`WXT_GOOGLE_API_BASE=http://127.0.0.1:<port>/calendar/v3`, and the
 * auth and revoke URLs likewise).
 */
const apiBase = new URL(process.env.WXT_GOOGLE_API_BASE ?? env.WXT_GOOGLE_API_BASE ?? '');

/** `http://127.0.0.1:39217`: the fake build's auth, API and revoke URLs all point here. */
export const FAKE_GOOGLE_ORIGIN = apiBase.origin;
export const FAKE_GOOGLE_PORT = Number(apiBase.port);
/** The seed e2e tests and the demo start from: the fixture Calendar page's mentoring series. */
export const MENTORING_SEED = resolve(import.meta.dirname, '../fake-google/seeds/mentoring.json');

/**
 * Whether `wxt build --mode <mode>` builds in an OAuth client id here, read as WXT reads it: the
 * environment, then `.env`, `.env.local`, `.env.<mode>`, `.env.<mode>.local` (later files win).
 */
export function buildHasClientId(mode: string): boolean {
  const root = resolve(import.meta.dirname, '../..');
  let value = process.env.WXT_GOOGLE_CLIENT_ID;
  if (value === undefined) {
    for (const file of ['.env', '.env.local', `.env.${mode}`, `.env.${mode}.local`]) {
      const path = resolve(root, file);
      if (existsSync(path)) value = parseEnv(readFileSync(path, 'utf8')).WXT_GOOGLE_CLIENT_ID ?? value;
    }
  }
  return Boolean(value?.trim());
}
