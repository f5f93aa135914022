import { preact } from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { CALENDAR_SCOPE } from './lib/calendar/scope';

/** The only hosts whose pages may embed our panel and run our content scripts. */
const GOOGLE_HOSTS = ['https://calendar.google.com/*', 'https://meet.google.com/*'];

/**
 * Two OAuth client ids, both optional, both read from `.env.local` (README, "Google Calendar sync"):
 * - `WXT_GOOGLE_CLIENT_ID`, a "Web application" client whose redirect URI is
 *   `https://<extension-id>.chromiumapp.org/`, for `identity.launchWebAuthFlow` (every browser).
 *   Unset: Tandem is local-only. Read by lib/calendar/config.ts, not here.
 * - `WXT_GOOGLE_CHROME_CLIENT_ID`, a "Chrome extension" client tied to the extension id, for Chrome's
 *   `identity.getAuthToken` (Chrome keeps and refreshes the token). It has to be in the manifest as
 *   `oauth2`; without it Chrome uses launchWebAuthFlow like the others.
 */
function chromeOAuth2(): { client_id: string; scopes: string[] } | undefined {
  const clientId = process.env.WXT_GOOGLE_CHROME_CLIENT_ID?.trim();
  return clientId ? { client_id: clientId, scopes: [CALENDAR_SCOPE] } : undefined;
}

export default defineConfig({
  // Explicit imports keep every file readable on its own.
  imports: false,
  manifest: ({ browser }) => {
    const oauth2 = browser === 'firefox' ? undefined : chromeOAuth2();
    return {
      name: 'Tandem — mentoring agendas in Calendar and Meet',
      short_name: 'Tandem',
      description:
        'Agendas, notes, takeaways and goals for mentoring sessions, pinned to your Google Calendar events and Meet calls. Local-first.',
      // Chrome only; Firefox needs neither of these two.
      // - scripting (+ the two hosts): start our content scripts in Google tabs that were already open
      //   when Tandem was installed or updated (lib/background/reinject.ts). Firefox does that by itself.
      // - sidePanel: the browser side panel (entrypoints/sidepanel), pinned to each Meet call's tab
      //   (lib/background/side-panel.ts). WXT would add it for the entrypoint anyway; listed to be seen.
      //   Firefox's sidebar_action needs no permission.
      // No `tabs`: the host permissions alone let the side panel and the background read the URL of
      // Calendar and Meet tabs, and no others.
      // Both browsers: reminders (lib/background/reminders.ts) — `alarms` to check on a schedule that
      // survives the service worker being stopped, `notifications` to show them, `storage` for the
      // reminder settings and what was already notified (never twice).
      // Both browsers: `identity`, to sign in to Google for the optional Calendar sync
      // (lib/calendar/auth.ts: launchWebAuthFlow, or getAuthToken with `oauth2`). Chrome shows no
      // install warning for it, and it grants nothing by itself: the user still signs in and consents.
      permissions: [
        ...(browser === 'firefox' ? [] : ['scripting', 'sidePanel']),
        'storage',
        'alarms',
        'notifications',
        'identity',
      ],
      ...(oauth2 && { oauth2 }),
      host_permissions: GOOGLE_HOSTS,
      web_accessible_resources: [{ resources: ['panel.html'], matches: GOOGLE_HOSTS }],
      // CSS light-dark() (the panel follows Calendar's theme) needs Chrome 123 / Firefox 120.
      ...(browser !== 'firefox' && { minimum_chrome_version: '123' }),
      ...(browser === 'firefox' && {
        browser_specific_settings: {
          gecko: {
            id: '{dd86c7f6-0301-496c-a5fb-9efaf7a4d833}',
            strict_min_version: '121.0',
            // Nothing is collected: notes stay on the device (or go to the user's own calendar).
            data_collection_permissions: { required: ['none'] },
          },
        },
      }),
    };
  },
  hooks: {
    'entrypoints:resolved': (wxt, entrypoints) => {
      // The bench pages (entrypoints/bench*) measure the database and the browser itself in real
      // Chromium. They are built only by `wxt build --mode bench` (into .output/chrome-mv3-bench)
      // and never ship.
      if (wxt.config.mode === 'bench') return;
      for (let i = entrypoints.length - 1; i >= 0; i--) {
        if (entrypoints[i]?.name.startsWith('bench')) entrypoints.splice(i, 1);
      }
    },
  },
  vite: () => ({
    plugins: [preact()],
    build: {
      // Chrome 123+ / Firefox 121+: no down-levelling needed, smaller content scripts.
      target: 'es2022',
    },
  }),
});
