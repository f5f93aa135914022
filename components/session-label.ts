import type { Session, SessionTarget } from '../lib/model/session';

const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** "Tue, 24 Nov, 15:00" for a timed start, "Thu, 26 Nov" for an all-day one. */
export function formatStart(start: string): string {
  return start.length === 10 ? dateOnly.format(new Date(`${start}T00:00:00Z`)) : dateTime.format(new Date(start));
}

/** A short human label for a session or target, for lists and headings. */
export function sessionLabel(session: Pick<Session, 'start' | 'meetCode' | 'seriesId' | 'eventId'>): string {
  if (session.start) return `${formatStart(session.start)}${session.seriesId ? ' · recurring' : ''}`;
  if (session.meetCode) return `Meet call ${session.meetCode}`;
  return 'Calendar event';
}

export function targetLabel(target: SessionTarget, start: string | null): string {
  if (target.kind === 'meet') return `Meet call ${target.code}`;
  return start ? formatStart(start) : 'This event';
}
