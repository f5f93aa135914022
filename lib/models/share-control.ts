import { computed, type ReadonlySignal, signal } from '@preact/signals';
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { calendarConfig } from '../calendar/config';
import { db } from '../db/database';
import { log } from '../log';
import type { SyncRequest } from '../messaging';
import type { Relationship } from '../model/relationship';
import type { ShareState } from '../model/share';
import { giveShareConsent, shareDisclosure, withdrawShareConsent } from '../share/consent';
import { readShared } from '../share/observe';
import { publishSession } from '../share/publish';
import { liveShareState, shareStatusText } from '../share/state';
import { accountItem, readAccount } from '../sync/account';
import { explain } from './explain';

/** How long after the last change of shared content the session is published. */
export const PUBLISH_DEBOUNCE_MS = 1500;

export interface ShareControl {
  /** Whether sharing can happen at all: a build with sync, signed in. */
  available: ReadonlySignal<boolean>;
  /** Whether the user agreed to share this relationship's sessions. */
  consented: ReadonlySignal<boolean>;
  /** The consent dialog's text while it is open, `null` when closed; `''` while it loads. */
  disclosure: ReadonlySignal<string | null>;
  /** The share state in words, or `null` while there is nothing to say. */
  status: ReadonlySignal<string | null>;
  state: ReadonlySignal<ShareState | undefined>;
  problem: ReadonlySignal<string | null>;
  /** Opens the consent dialog with exactly what would be written. */
  ask(): Promise<void>;
  /** "Share": stores the consent and publishes now. */
  agree(): Promise<void>;
  /** "Not now": closes the dialog; nothing is written. */
  decline(): void;
  /** "Stop sharing": no more writes for this relationship; writes still waiting are dropped. */
  stop(): Promise<void>;
  dispose(): void;
}

/**
 * Sharing one session through its calendar event (lib/share): consent, then every change of the
 * session's shared content (agenda items, takeaways, action items, the shared note — what
 * `readShared` reads, so a private note's edit triggers nothing) is published a moment after the
 * last edit, and the background is asked to send it.
 */
export function createShareControl(
  sessionId: string,
  relationship: Relationship,
  options: {
    debounceMs?: number;
    wakeSync?: () => void;
    /** Whether this build can sync at all (an OAuth client id); read from the build by default. */
    syncBuild?: boolean;
  } = {},
): ShareControl {
  const debounceMs = options.debounceMs ?? PUBLISH_DEBOUNCE_MS;
  const syncBuild = options.syncBuild ?? calendarConfig.clientId !== null;
  const wakeSync = options.wakeSync ?? askForSync;
  const signedIn = signal(false);
  const consented = signal(Boolean(relationship.shareConsent));
  const disclosure = signal<string | null>(null);
  const state = signal<ShareState | undefined>(undefined);
  const problem = signal<string | null>(null);
  const available = computed(() => syncBuild && signedIn.value);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const readSignedIn = (): void => {
    void readAccount().then((account) => {
      signedIn.value = account.status === 'signed-in';
    });
  };
  readSignedIn();
  const stopAccount = accountItem.watch(readSignedIn);

  const states = liveShareState(sessionId).subscribe({
    next: (value) => {
      state.value = value;
    },
    error: (error: unknown) => log.error('share', error),
  });
  const consents = liveQuery(() => db.relationships.get(relationship.id)).subscribe({
    next: (value) => {
      consented.value = Boolean(value?.shareConsent);
    },
    error: (error: unknown) => log.error('share', error),
  });

  async function publish(): Promise<void> {
    if (disposed || !available.value || !consented.value) return;
    try {
      const result = await publishSession(sessionId);
      problem.value = null;
      if (result.kind === 'enqueued') wakeSync();
    } catch (error) {
      problem.value = `Could not prepare the shared agenda: ${explain(error)}`;
    }
  }

  // Any change of what is shared (the first reading included) publishes once things settle.
  // Publishing the same content again enqueues nothing, so this never loops through sync.
  const shared = liveQuery(async () => {
    const session = await db.sessions.get(sessionId);
    return session ? JSON.stringify(await readShared(session, relationship)) : '';
  }).subscribe({
    next: () => {
      clearTimeout(timer);
      timer = setTimeout(() => void publish(), debounceMs);
    },
    error: (error: unknown) => log.error('share', error),
  });

  return {
    available,
    consented,
    disclosure,
    status: computed(() => shareStatusText(state.value)),
    state,
    problem,
    async ask() {
      disclosure.value = '';
      try {
        const found = await shareDisclosure(sessionId);
        disclosure.value =
          found?.text ?? 'This session is not a calendar event of the relationship: it cannot be shared.';
      } catch (error) {
        disclosure.value = null;
        problem.value = `Could not prepare the shared agenda: ${explain(error)}`;
      }
    },
    async agree() {
      try {
        await giveShareConsent(relationship.id);
        consented.value = true;
        disclosure.value = null;
        await publish();
      } catch (error) {
        problem.value = `Could not share: ${explain(error)}`;
      }
    },
    decline() {
      disclosure.value = null;
    },
    async stop() {
      clearTimeout(timer);
      try {
        await withdrawShareConsent(relationship.id);
        consented.value = false;
      } catch (error) {
        problem.value = `Could not stop sharing: ${explain(error)}`;
      }
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      stopAccount();
      states.unsubscribe();
      consents.unsubscribe();
      shared.unsubscribe();
    },
  };
}

/** Asks the background to sync now (it drains the outbox first), as the options page does. */
function askForSync(): void {
  const request: SyncRequest = { ns: 'tandem', type: 'sync/now' };
  browser.runtime.sendMessage(request).catch((error: unknown) => log.debug('share', `sync/now: ${explain(error)}`));
}
