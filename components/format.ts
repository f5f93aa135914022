import { cadenceLabel } from '../lib/cadence';
import type { Role } from '../lib/model/common';
import type { Agreement, Channel, Relationship } from '../lib/model/relationship';

export { cadenceLabel };

const CHANNEL_NAMES: Record<Channel, string> = {
  video: 'video',
  phone: 'phone',
  chat: 'chat',
  email: 'email',
  'in-person': 'in person',
};

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

const longDate = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "24 Nov 2026": for spans that cross years (charts, histories). */
export function fullDayLabel(dayOrInstant: string): string {
  return longDate.format(new Date(`${dayOrInstant.slice(0, 10)}T00:00:00Z`));
}

/** "24 Nov" for a calendar day (YYYY-MM-DD) or the day of an instant. */
export function dayLabel(dayOrInstant: string): string {
  return shortDate.format(new Date(`${dayOrInstant.slice(0, 10)}T00:00:00Z`));
}

/** Today as YYYY-MM-DD in the user's time zone. */
export { localDay as today, startTime } from '../lib/dates';

/** "in 20 hours", "in 2 days", "in 35 minutes" — for sessions ahead. */
export function timeUntil(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `in ${Math.max(minutes, 1)} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  return `in ${Math.round(hours / 24)} days`;
}
