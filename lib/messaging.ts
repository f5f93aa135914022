import { z } from 'zod/mini';
import { log } from './log';
import type { SessionTarget } from './model/session';
import { MAX_BADGE_REFS } from './ports';

/**
 * Every message that crosses a context boundary, as zod schemas (design.md §1). The receiver
 * validates; anything else is rejected with a logged reason and never acted on.
 *
 * Content scripts are the one exception to *how* they validate: zod's runtime alone is ~6 KB gzip,
 * most of their 8 KB budget, so they check with the hand-written guards in `lib/hosts/guards.ts`,
 * which a unit test holds equivalent to these schemas on a corpus of valid and invalid messages.
 */

const ns = z.literal('tandem');

/** From the panel iframe (extension origin) to the content script of the page embedding it. */
export const PanelToHost = z.discriminatedUnion('type', [
  z.object({ ns, type: z.literal('panel/resize'), height: z.number().check(z.int(), z.gte(0), z.lte(10_000)) }),
  z.object({ ns, type: z.literal('panel/close') }),
]);
export type PanelToHost = z.infer<typeof PanelToHost>;

/** A calendar occurrence on Google's grid, keyed as the API keys it (design.md §3). */
const OccurrenceRef = z.object({
  calendarId: z.string().check(z.minLength(3), z.maxLength(1024)),
  eventId: z.string().check(z.minLength(1), z.maxLength(1024)),
});

/** From a Calendar content script over the `BADGE_PORT` port (lib/ports.ts) to the background. */
export const BadgesToBackground = z.discriminatedUnion('type', [
  /** The occurrences now visible on the grid; replaces the previous set. */
  z.object({ ns, type: z.literal('badges/watch'), refs: z.array(OccurrenceRef).check(z.maxLength(MAX_BADGE_REFS)) }),
]);
export type BadgesToBackground = z.infer<typeof BadgesToBackground>;

/** From the background to a Calendar content script over the `BADGE_PORT` port. */
export const BadgesToHost = z.discriminatedUnion('type', [
  /**
   * The markers of the mentoring events among the watched occurrences (others have none), sent
   * again whenever one changes. Each message is the whole set.
   */
  z.object({
    ns,
    type: z.literal('badges/markers'),
    markers: z
      .array(
        z.object({
          ...OccurrenceRef.shape,
          agendaItems: z.number().check(z.int(), z.gte(0)),
          cancelled: z.boolean(),
        }),
      )
      .check(z.maxLength(MAX_BADGE_REFS)),
  }),
]);
export type BadgesToHost = z.infer<typeof BadgesToHost>;

/**
 * From a Meet content script to the background (`runtime.sendMessage`): the tab is in a call, or
 * the user left it on the page. A tab that goes away between the two left without a wrap-up.
 */
export const CallToBackground = z.discriminatedUnion('type', [
  z.object({ ns, type: z.literal('call/joined'), code: z.string().check(z.maxLength(64)) }),
  z.object({ ns, type: z.literal('call/left'), code: z.string().check(z.maxLength(64)) }),
]);
export type CallToBackground = z.infer<typeof CallToBackground>;

/** The Google origin that embeds a panel for this target; the panel posts only to it. */
export function hostOrigin(target: SessionTarget): string {
  return target.kind === 'calendar' ? 'https://calendar.google.com' : 'https://meet.google.com';
}

/** Panel side: tell the embedding page something. */
export function postToHost(target: SessionTarget, message: PanelToHost): void {
  if (window.parent === window) return;
  window.parent.postMessage(message, hostOrigin(target));
}

const Channel = z.number().check(z.int(), z.gte(0), z.lte(255));

/** How the page around a panel looks: light or dark, and the RGB colour of the surface it sits on. */
export const HostLook = z.object({
  theme: z.enum(['light', 'dark']),
  background: z.tuple([Channel, Channel, Channel]),
});
export type HostLook = z.infer<typeof HostLook>;

/** From the content script to a panel iframe it embeds. */
export const HostToPanel = z.discriminatedUnion('type', [
  z.object({ ns, type: z.literal('host/look'), ...HostLook.shape }),
  /** The user left the call (Meet): time for the wrap-up. */
  z.object({ ns, type: z.literal('host/call-ended') }),
]);
export type HostToPanel = z.infer<typeof HostToPanel>;

/**
 * Panel side: hear the embedding page. Only messages from the parent window at the target's
 * Google origin count, and only valid ones are acted on.
 */
export function onHostMessage(target: SessionTarget, handle: (message: HostToPanel) => void): () => void {
  const listener = (event: MessageEvent<unknown>): void => {
    if (event.source !== window.parent || event.origin !== hostOrigin(target)) return;
    const parsed = HostToPanel.safeParse(event.data);
    if (parsed.success) handle(parsed.data);
    else log.debug('panel', 'rejected a malformed host message', event.data);
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}

/**
 * From an extension page (options) to the background, over `runtime.sendMessage`: the Google
 * account and sync (lib/background/sync.ts). The reply is a `SyncReply`.
 */
export const SyncRequest = z.discriminatedUnion('type', [
  /** Interactive sign-in (may show Google's consent window), then a sync. */
  z.object({ ns, type: z.literal('sync/sign-in') }),
  /** Revoke and forget the token; local data stays. */
  z.object({ ns, type: z.literal('sync/sign-out') }),
  z.object({ ns, type: z.literal('sync/now') }),
]);
export type SyncRequest = z.infer<typeof SyncRequest>;

/** What a sync request did, as the options page shows it. */
export const SyncReply = z.object({
  account: z.enum(['local-only', 'signed-out', 'signed-in', 'sign-in-again']),
  /** Set when the run failed for another reason than the account (offline, Google's errors). */
  error: z.optional(z.string()),
});
export type SyncReply = z.infer<typeof SyncReply>;
