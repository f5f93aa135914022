import type { Page } from '@playwright/test';

/** What happened to Tandem's panel frames in a page since `watchPanelFrames`. */
export interface PanelFrameHistory {
  /** Frames inserted (a frame moved by someone counts as removed and inserted: it reloads). */
  added: number;
  removed: number;
  /** `load` events of each inserted frame, in insertion order. */
  loads: number[];
  /** How many panel frames the page holds now. */
  present: number;
  /** Whether the only frame present is the first one inserted: the same element all along. */
  sameElement: boolean;
}

/**
 * Starts recording, in the page's own world, every panel frame the extension inserts or removes and
 * every time one (re)loads: a panel that is recreated or moved would flicker, and shows up here.
 */
export async function watchPanelFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const selector = 'iframe[data-tandem-panel]';
    const framesIn = (node: Node): HTMLIFrameElement[] =>
      node instanceof Element
        ? [node, ...node.querySelectorAll(selector)].filter((n): n is HTMLIFrameElement => n.matches(selector))
        : [];
    const watch = { added: 0, removed: 0, frames: [] as { frame: HTMLIFrameElement; loads: number }[] };
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          for (const frame of framesIn(node)) {
            const entry = { frame, loads: 0 };
            watch.added += 1;
            watch.frames.push(entry);
            frame.addEventListener('load', () => {
              entry.loads += 1;
            });
          }
        }
        for (const node of record.removedNodes) watch.removed += framesIn(node).length;
      }
    }).observe(document, { childList: true, subtree: true });
    (window as unknown as { __panelWatch: typeof watch }).__panelWatch = watch;
  });
}

export function panelFrameHistory(page: Page): Promise<PanelFrameHistory> {
  return page.evaluate(() => {
    const watch = (
      window as unknown as {
        __panelWatch: { added: number; removed: number; frames: { frame: HTMLIFrameElement; loads: number }[] };
      }
    ).__panelWatch;
    const present = [...document.querySelectorAll('iframe[data-tandem-panel]')];
    return {
      added: watch.added,
      removed: watch.removed,
      loads: watch.frames.map((entry) => entry.loads),
      present: present.length,
      sameElement: present.length === 1 && present[0] === watch.frames[0]?.frame,
    };
  });
}
