/**
 * A relationship's calendar series as the options page shows them: when and how often, whether
 * Google has them yet, and whether the agreement's rhythm still matches the one Tandem scheduled.
 */
import { rruleParts } from '../cadence';
import { cadenceRule } from '../calendar/series';
import { db } from '../db/database';
import type { Relationship } from '../model/relationship';
import type { RemoteEvent } from '../model/sync';

export interface SeriesStatus {
  calendarId: string;
  seriesId: string;
  /**
   * - `waiting`: a write for it waits in the outbox (not on Google Calendar yet, or a change to it);
   * - `on-calendar`: Google has it as Tandem last saw it;
   * - `not-synced`: linked (tracked in Calendar) but not read from Google yet (local-only, or before a sync).
   */
  state: 'waiting' | 'on-calendar' | 'not-synced';
  /** Tandem created it for this relationship (its private tag): the one a new rhythm replaces. */
  byTandem: boolean;
  /** First start (ISO, with offset) and its zone, when known. */
  start?: string;
  timeZone?: string;
  /** The RRULE line, when known. */
  rule?: string;
  /** When it ends (its `UNTIL`, ISO instant), if it does. */
  until?: string;
}

/**
 * Every series linked to the relationship, oldest link first, with its state. Reads the kept events
 * and the outbox in one transaction.
 */
export function seriesStatusOf(relationship: Relationship): Promise<SeriesStatus[]> {
  return db.transaction('r', db.remoteEvents, db.outbox, async () => {
    const ops = await db.outbox.toArray();
    return Promise.all(
      relationship.series.map(async ({ calendarId, seriesId }) => {
        const master = await db.remoteEvents.get([calendarId, seriesId]);
        const waiting = ops.some((op) => op.calendarId === calendarId && op.eventId === seriesId);
        return statusOf(relationship.id, calendarId, seriesId, master, waiting);
      }),
    );
  });
}

function statusOf(
  relationshipId: string,
  calendarId: string,
  seriesId: string,
  master: RemoteEvent | undefined,
  waiting: boolean,
): SeriesStatus {
  const rule = master?.recurrence?.find((line) => /^RRULE:/i.test(line));
  const until = rule ? rruleParts(rule).get('UNTIL') : undefined;
  return {
    calendarId,
    seriesId,
    state: waiting ? 'waiting' : master?.etag ? 'on-calendar' : 'not-synced',
    byTandem: master?.relationshipId === relationshipId,
    ...(master?.start?.dateTime ? { start: master.start.dateTime } : {}),
    ...(master?.start?.timeZone ? { timeZone: master.start.timeZone } : {}),
    ...(rule ? { rule } : {}),
    ...(until ? { until: fromBasicUtc(until) } : {}),
  };
}

/** `20261215T235959Z` → `2026-12-15T23:59:59.000Z`; a date-only UNTIL is the end of that day. */
function fromBasicUtc(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d, h = '23', mi = '59', s = '59'] = m;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`).toISOString();
}

/** The latest series Tandem scheduled that still runs at `now` (no end, or an end ahead), if any. */
export function activeSeries(series: readonly SeriesStatus[], now: Date): SeriesStatus | null {
  return series.filter((s) => s.byTandem && (!s.until || s.until > now.toISOString())).at(-1) ?? null;
}

/**
 * Whether the agreement's cadence no longer gives the series' rule (so moving it to the new rhythm
 * makes sense). Unknown timing (not read yet) is never off.
 */
export function offRhythmOf(relationship: Relationship, series: SeriesStatus): boolean {
  if (!series.start || !series.rule) return false;
  const wanted = cadenceRule(relationship.agreement.cadence, new Date(series.start), series.timeZone ?? 'UTC');
  return !sameRule(wanted, series.rule);
}

/** Two RRULE lines repeat alike, whatever order their parts are in and however they end. */
function sameRule(a: string, b: string): boolean {
  const repetition = (rule: string) => {
    const parts = rruleParts(rule.toUpperCase());
    parts.delete('UNTIL');
    parts.delete('COUNT');
    if (parts.get('INTERVAL') === '1') parts.delete('INTERVAL');
    return [...parts]
      .map(([name, value]) => `${name}=${value}`)
      .sort()
      .join(';');
  };
  return repetition(a) === repetition(b);
}
