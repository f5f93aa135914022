/**
 * The Google account as the extension remembers it (never a token), and the names of the sync
 * alarms: shared by the background, which signs in and syncs, and the options page, which shows
 * the account and asks for a sync.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod/mini';
import '../model/common'; // jitless zod (MV3 CSP forbids eval)

/** The periodic sync. */
export const SYNC_ALARM = 'tandem-sync';
/** A one-off sync, soon (also wakes a stopped worker). */
export const SYNC_NOW_ALARM = 'tandem-sync-now';
export const SYNC_EVERY_MINUTES = 5;

export const Account = z.object({
  status: z.enum(['signed-out', 'signed-in', 'sign-in-again']),
  /** The primary calendar's real id (the user's email): sessions are keyed by it, as on the page. */
  primaryId: z.optional(z.string()),
});
export type Account = z.infer<typeof Account>;

/** In `storage.local`: whether the user signed in, never the token. */
export const accountItem = storage.defineItem<Account>('local:syncAccount', {
  fallback: { status: 'signed-out' },
  version: 1,
});

/** The stored account, validated; anything unreadable reads as signed out. */
export async function readAccount(): Promise<Account> {
  const parsed = Account.safeParse(await accountItem.getValue());
  return parsed.success ? parsed.data : { status: 'signed-out' };
}
