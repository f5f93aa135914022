/**
 * Long-lived `runtime.connect` ports between content scripts and the background. Zod-free, so a
 * content script can import it without pulling the schemas of `lib/messaging.ts` into its bundle.
 */

/** A Calendar content script watches the occurrences visible on the grid; the background answers with chip markers. */
export const BADGE_PORT = 'tandem/badges';

/** At most this many occurrences in one badge message: a month or schedule view shows far fewer. */
export const MAX_BADGE_REFS = 2000;
