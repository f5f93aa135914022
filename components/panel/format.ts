import type { Role } from '../../lib/model/common';
import type { Agreement, Cadence, Channel, Relationship } from '../../lib/model/relationship';

const CHANNEL_NAMES: Record<Channel, string> = {
  video: 'video',
  phone: 'phone',
  chat: 'chat',
  email: 'email',
  'in-person': 'in person',
};

const FREQ_UNITS: Record<string, string> = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' };

/** "every 2 weeks"; a custom RRULE is told by its frequency and interval. */
export function cadenceLabel(cadence: Cadence): string {
  switch (cadence.kind) {
    case 'weekly':
      return 'every week';
    case 'biweekly':
      return 'every 2 weeks';
    case 'monthly':
      return 'every month';
    case 'custom': {
      const parts = new Map(
        cadence.rrule
          .replace(/^RRULE:/, '')
          .split(';')
          .map((part) => part.split('=') as [string, string]),
      );
      const unit = FREQ_UNITS[parts.get('FREQ') ?? ''] ?? 'time';
      const interval = Number(parts.get('INTERVAL') ?? '1');
      return interval > 1 ? `every ${interval} ${unit}s` : `every ${unit}`;
    }
  }
}

/** The agreement in one line: "every 2 weeks · 45 min · video". */
export function agreementLine(agreement: Agreement): string {
  const parts = [cadenceLabel(agreement.cadence), `${agreement.sessionMinutes} min`];
  if (agreement.channels.length > 0) parts.push(agreement.channels.map((c) => CHANNEL_NAMES[c]).join(', '));
  return parts.join(' · ');
}

/** "You" or the other person's name, for an owner given by role. */
export function ownerName(owner: Role, relationship: Relationship): string {
  return owner === relationship.myRole ? 'You' : relationship.other.name;
}

const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "24 Nov" for a calendar day (YYYY-MM-DD) or the day of an instant. */
export function dayLabel(dayOrInstant: string): string {
  return shortDate.format(new Date(`${dayOrInstant.slice(0, 10)}T00:00:00Z`));
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function today(at = new Date()): string {
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** When a session starts, in ms since the epoch (all-day sessions: local midnight). */
export function startTime(start: string): number {
  return start.length === 10 ? new Date(`${start}T00:00:00`).getTime() : new Date(start).getTime();
}

/** "in 20 hours", "in 2 days", "in 35 minutes" — for sessions ahead. */
export function timeUntil(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `in ${Math.max(minutes, 1)} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  return `in ${Math.round(hours / 24)} days`;
}
