/**
 * The stretch of time sync turns into sessions: from a day ago to eight weeks ahead. Before it,
 * history is never rewritten by sync; after it, occurrences appear as the window moves on (every
 * sync run re-expands the linked series locally, without a request).
 */
export interface SyncWindow {
  from: Date;
  to: Date;
}

export const WINDOW_PAST_MS = 86_400_000;
export const WINDOW_AHEAD_MS = 8 * 7 * 86_400_000;

export function syncWindow(now: Date): SyncWindow {
  return { from: new Date(now.getTime() - WINDOW_PAST_MS), to: new Date(now.getTime() + WINDOW_AHEAD_MS) };
}

/** Whether a session time (ISO instant or `YYYY-MM-DD`) is at or after the window's start. */
export function notBefore(time: string | undefined, window: SyncWindow): boolean {
  return time !== undefined && time >= window.from.toISOString().slice(0, time.length === 10 ? 10 : undefined);
}
