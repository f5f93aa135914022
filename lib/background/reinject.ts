import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { log } from '../log';

/**
 * Chrome does not run content scripts in tabs that were already open when the extension was
 * installed, updated or reloaded, so an open Calendar tab would show no panel until reloaded.
 * This runs our manifest's content scripts in those tabs. The orphaned old instance (if any)
 * notices it was invalidated and removes its panels, so no tab ends up with two.
 */
export async function reinjectContentScripts(reason: 'install' | 'update'): Promise<void> {
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  await Promise.all(
    scripts.map(async ({ matches = [], js = [] }) => {
      if (js.length === 0) return;
      const tabs = await browser.tabs.query({ url: matches });
      await Promise.all(
        tabs.map(async (tab) => {
          if (tab.id === undefined || tab.discarded) return;
          try {
            // Freshly installed, a tab that loaded since has the manifest's scripts already: a second
            // copy would replace the first under the user's pointer. (After an update the old copy
            // is orphaned and must be replaced, so this asks only on install.)
            if (reason === 'install' && (await runsAlready(tab.id))) return;
            await browser.scripting.executeScript({ target: { tabId: tab.id }, files: js as ScriptPublicPath[] }); // paths from our own manifest
          } catch (error) {
            // A tab that is loading, crashed or showing an error page: it will get scripts on its next load.
            log.debug('reinject', `tab ${tab.id} skipped`, error);
          }
        }),
      );
    }),
  );
}

/** Whether a live instance of our content scripts runs in the tab (see `RUNNING` in lib/hosts/features.ts). */
async function runsAlready(tabId: number): Promise<boolean> {
  const [probe] = await browser.scripting.executeScript({
    target: { tabId },
    // Runs in the content scripts' isolated world; must be self-contained.
    func: () => {
      const signal = (globalThis as Record<symbol, AbortSignal | undefined>)[Symbol.for('tandem.features.running')];
      return Boolean(signal && !signal.aborted);
    },
  });
  return probe?.result === true;
}
