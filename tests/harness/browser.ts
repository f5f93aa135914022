import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');
/** The build with the bench page (`wxt build --mode bench`), for tests/bench only. */
export const BENCH_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3-bench');

/** Debian's Chromium (CI and this machine), `$CHROMIUM_PATH`, or Playwright's own where installed. */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/**
 * Launches Chromium with the built extension in a fresh profile. The profile preference lets the
 * extension's iframe open IndexedDB under Playwright (design.md §6); the flags keep Chromium from
 * reaching for Google's services on this closed network.
 */
export async function launchWithExtension(
  options: { headless?: boolean; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    const build = extensionDir.endsWith('-fake') ? 'npm run build:fake' : 'npm run build';
    throw new Error(`No built extension in ${extensionDir}: run "${build}" first.`);
  }
  const { context, close } = await launchProfile(options.headless ?? true, [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ]);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, close };
}

/** The same browser, profile and flags without the extension: the baseline for with/without figures. */
export function launchWithoutExtension(
  options: { headless?: boolean } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  return launchProfile(options.headless ?? true, []);
}

async function launchProfile(
  headless: boolean,
  extraArgs: string[],
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'tandem-profile-'));
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));

  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable(),
    headless,
    viewport: { width: 1280, height: 800 },
    // Deterministic dates in assertions and screenshots.
    locale: 'en-GB',
    timezoneId: 'UTC',
    args: [
      ...extraArgs,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
