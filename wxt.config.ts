import { preact } from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/** The only hosts whose pages may embed our panel and run our content scripts. */
const GOOGLE_HOSTS = ['https://calendar.google.com/*', 'https://meet.google.com/*'];

export default defineConfig({
  // Explicit imports keep every file readable on its own.
  imports: false,
  manifest: {
    name: 'Tandem — mentoring agendas in Calendar and Meet',
    short_name: 'Tandem',
    description:
      'Agendas, notes, takeaways and goals for mentoring sessions, pinned to your Google Calendar events and Meet calls. Local-first.',
    // scripting + the two hosts: to start our content scripts in Google tabs that were already
    // open when Tandem was installed or updated (lib/background/reinject.ts).
    permissions: ['scripting'],
    host_permissions: GOOGLE_HOSTS,
    web_accessible_resources: [{ resources: ['panel.html'], matches: GOOGLE_HOSTS }],
  },
  vite: () => ({
    plugins: [preact()],
    build: {
      // Chrome 120+ / Firefox 121+: no down-levelling needed, smaller content scripts.
      target: 'es2022',
    },
  }),
});
