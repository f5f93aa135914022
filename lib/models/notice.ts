import type { Signal } from '@preact/signals';
import { requestReminderCheck } from '../reminders';
import { explain } from './explain';

/** A message after a change: a problem (announced at once), news, or something done that can be undone. */
export type Notice =
  | { kind: 'problem'; text: string }
  | { kind: 'info'; text: string }
  | { kind: 'undo'; text: string; undo: () => Promise<void> };

/**
 * How the popup's and options page's models make a change: it either works (a problem shown
 * before goes away, and the background re-checks reminders and the badge, which may depend on
 * it) or becomes a problem notice in words. Resolves to whether it worked, so a form keeps what
 * the user typed when it did not.
 */
export function attempter(
  notice: Signal<Notice | null>,
): (what: string, change: () => Promise<unknown>) => Promise<boolean> {
  return async (what, change) => {
    try {
      await change();
      if (notice.value?.kind === 'problem') notice.value = null;
      requestReminderCheck();
      return true;
    } catch (error) {
      notice.value = { kind: 'problem', text: `Could not ${what}: ${explain(error)}` };
      return false;
    }
  };
}
