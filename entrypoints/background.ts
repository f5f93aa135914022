import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { watchCalls } from '../lib/background/call-wrap-up';
import { serveChipBadges } from '../lib/background/chip-badges';
import { reinjectContentScripts } from '../lib/background/reinject';
import { startReminders } from '../lib/background/reminders';
import { enableSidePanelInMeetCalls } from '../lib/background/side-panel';
import { startSync } from '../lib/background/sync';
import { log } from '../lib/log';

export default defineBackground(() => {
  serveChipBadges();
  enableSidePanelInMeetCalls();
  startReminders();
  watchCalls();
  startSync();
  browser.runtime.onInstalled.addListener(({ reason }) => {
    // Firefox injects into open tabs by itself on install and update.
    if (import.meta.env.FIREFOX || (reason !== 'install' && reason !== 'update')) return;
    reinjectContentScripts(reason).catch((error: unknown) => log.error('reinject', error));
  });
});
