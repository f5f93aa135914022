import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { BrowserContext, Route } from '@playwright/test';

/** Saved, scrubbed Google pages (tests/fixtures/google/SOURCES.md). */
export const GOOGLE_FIXTURES = resolve(import.meta.dirname, '../fixtures/google');

/**
 * Query strings that turn the Calendar pages into variants (fixture-calendar-variants.js): the
 * German UI, Google's ids renamed (our selectors' fallbacks must find the bubble), or broken
 * (nothing Tandem knows is left in the bubble).
 */
export const CALENDAR_VARIANTS = {
  german: '?hl=de',
  renamed: '?fixture-variant=renamed',
  broken: '?fixture-variant=broken',
} as const;

export const URLS = {
  calendarWeek: 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23',
  calendarEdit: (eid: string) => `https://calendar.google.com/calendar/u/0/r/eventedit/${eid}`,
  meetCall: (code = 'abc-defg-hij') => `https://meet.google.com/${code}`,
  /** The call page after a redesign our selectors do not know: no `call_end` leave button (SOURCES.md). */
  meetRedesign: (code = 'abc-defg-hij') => `https://meet.google.com/${code}?fixture-variant=redesign`,
  meetLanding: 'https://meet.google.com/landing',
  /** The code of the real "Check your meeting code" capture. */
  meetUnknownCode: 'https://meet.google.com/aaa-bbbb-ccc',
} as const;

const LANDING = '<!doctype html><title>Google Meet</title><h1>Video calls and meetings for everyone</h1>';

function fixture(name: string): string {
  return readFileSync(resolve(GOOGLE_FIXTURES, basename(name)), 'utf8');
}

function html(route: Route, body: string): Promise<void> {
  return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
}

/** Which saved page answers a Calendar URL. */
function calendarPage(path: string): string {
  if (path.includes('/r/eventedit/')) return fixture('calendar-eventedit.html');
  return fixture('calendar-week.html');
}

/** Which saved page answers a Meet URL: the 404 capture for its code, the call page for others. */
function meetPage(path: string): string {
  if (path.startsWith('/aaa-bbbb-ccc')) return fixture('meet-404.html');
  if (/^\/[a-z]{3}-[a-z]{4}-[a-z]{3}\/?$/.test(path)) return fixture('meet-call.html');
  return LANDING;
}

/**
 * Serves the fixture pages at the real Google URLs, so the manifest's real match patterns decide
 * where content scripts run. Every other request to the internet is refused: tests never reach
 * Google. Requests to `allowOrigins` (the fake Google API on the loopback) go through untouched;
 * Playwright routes the extension service worker's requests too.
 */
export async function serveGoogleFixtures(
  context: BrowserContext,
  options: { allowOrigins?: readonly string[] } = {},
): Promise<void> {
  const allowed = new Set(options.allowOrigins ?? []);
  await context.route(/^https?:\/\//, (route) => {
    const url = new URL(route.request().url());
    if (allowed.has(url.origin)) return route.continue();
    if (url.pathname.startsWith('/__fixture/') && url.hostname.endsWith('.google.com')) {
      return route.fulfill({
        status: 200,
        contentType: 'text/javascript',
        body: fixture(url.pathname.slice('/__fixture/'.length)),
      });
    }
    if (url.hostname === 'calendar.google.com') return html(route, calendarPage(url.pathname));
    if (url.hostname === 'meet.google.com') return html(route, meetPage(url.pathname));
    return route.abort('blockedbyclient');
  });
}
