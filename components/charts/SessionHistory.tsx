import type { ComponentChildren } from 'preact';
import { cadenceDays, isLateGap, tookPlace } from '../../lib/cadence';
import { addDays, startTime } from '../../lib/dates';
import type { Cadence } from '../../lib/model/relationship';
import type { Session } from '../../lib/model/session';
import { cadenceLabel, dayLabel, fullDayLabel } from '../format';
import { dayScale, r1 } from './scale';

const W = 600;
const H = 44;
const Y = 28;
/** The picture covers the last year and the sessions already scheduled ahead. */
const DAYS_BACK = 365;

type Kind = 'held' | 'cancelled' | 'moved' | 'scheduled';

const KIND_LABEL: Record<Kind, string> = {
  held: 'held',
  cancelled: 'cancelled',
  moved: 'moved',
  scheduled: 'scheduled or not confirmed',
};

/**
 * A relationship's last year of sessions (or since it started) against its agreed cadence: the agreed rhythm as ticks
 * along the top, each session as a mark shaped by what happened (held ●, cancelled ×, moved ▲,
 * scheduled ○), and gaps much longer than agreed drawn in red between sessions that took place.
 */
export function SessionHistory({
  sessions,
  cadence,
  startedOn,
  today,
}: {
  sessions: readonly Session[];
  cadence: Cadence;
  /** The relationship's start: the picture begins there when that is within the year. */
  startedOn: string;
  today: string;
}) {
  const yearAgo = addDays(today, -DAYS_BACK);
  const from = startedOn > yearAgo ? startedOn : yearAgo;
  const shown = sessions.filter((s) => s.start !== undefined && s.start.slice(0, 10) >= from);
  const last = shown.at(-1)?.start?.slice(0, 10) ?? today;
  const to = last > today ? last : today;
  const x = dayScale([from, to], 8, W - 8);
  const nowMs = Date.now();
  const kind = (s: Session): Kind =>
    s.status === 'held' || s.status === 'cancelled' || s.status === 'moved' ? s.status : 'scheduled';
  const counts = { held: 0, cancelled: 0, moved: 0, scheduled: 0 };
  for (const s of shown) counts[kind(s)]++;
  const happened = shown.filter((s) => tookPlace(s, nowMs));
  const lateGaps = happened.slice(1).flatMap((s, i) => {
    const before = happened[i] as Session;
    const gap = Math.round((startTime(s.start ?? '') - startTime(before.start ?? '')) / 86_400_000);
    return isLateGap(gap, cadence) ? [{ from: before.start ?? '', to: s.start ?? '', gap }] : [];
  });
  // The agreed rhythm from the start of the picture to today: how many sessions there would have been.
  const step = cadenceDays(cadence);
  const expected: string[] = [];
  for (let day = from; day <= today; day = addDays(from, Math.round(expected.length * step))) expected.push(day);
  const since = from === yearAgo ? 'Last 12 months' : `Since ${fullDayLabel(from)}`;
  const summary = `${since}: ${counts.held} held, ${counts.cancelled} cancelled, ${counts.moved} moved, ${counts.scheduled} scheduled or not confirmed; agreed ${cadenceLabel(cadence)}, about ${expected.length} sessions so far; ${lateGaps.length} gap${lateGaps.length === 1 ? '' : 's'} much longer than agreed.`;

  return (
    <figure class="history">
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        <line class="axis" x1={8} x2={W - 8} y1={Y} y2={Y} />
        {expected.map((day) => (
          <line key={day} class="grid" x1={r1(x(day))} x2={r1(x(day))} y1={4} y2={10} />
        ))}
        {lateGaps.map((gap) => (
          <line
            key={gap.from}
            class="cancelled"
            x1={r1(x(gap.from.slice(0, 10)))}
            x2={r1(x(gap.to.slice(0, 10)))}
            y1={Y}
            y2={Y}
          >
            <title>
              {gap.gap} days between {dayLabel(gap.from)} and {dayLabel(gap.to)}
            </title>
          </line>
        ))}
        <line class="today" x1={r1(x(today))} x2={r1(x(today))} y1={14} y2={H - 2} />
        {shown.map((s) => (
          <Mark key={s.id} kind={kind(s)} cx={r1(x((s.start ?? today).slice(0, 10)))}>
            <title>
              {dayLabel(s.start ?? today)}: {KIND_LABEL[kind(s)]}
            </title>
          </Mark>
        ))}
        <text x={8} y={H - 2}>
          {fullDayLabel(from)}
        </text>
        <text x={W - 8} y={H - 2} text-anchor="end">
          {fullDayLabel(to)}
        </text>
      </svg>
      <figcaption class="legend">
        {(Object.keys(KIND_LABEL) as Kind[]).map((k) => (
          <span key={k}>
            <svg viewBox="-6 -6 12 12" aria-hidden="true">
              <Mark kind={k} cx={0} cy={0} />
            </svg>{' '}
            {KIND_LABEL[k]} {counts[k]}
          </span>
        ))}
        <span>
          <svg viewBox="0 0 12 12" aria-hidden="true">
            <line class="grid" x1={6} x2={6} y1={0} y2={12} />
          </svg>{' '}
          agreed {cadenceLabel(cadence)}
        </span>
      </figcaption>
    </figure>
  );
}

/** A session's mark: the shape says what happened, so colour is not needed to tell. */
function Mark({ kind, cx, cy = Y, children }: { kind: Kind; cx: number; cy?: number; children?: ComponentChildren }) {
  switch (kind) {
    case 'held':
      return (
        <circle class="done" cx={cx} cy={cy} r={4}>
          {children}
        </circle>
      );
    case 'scheduled':
      return (
        <circle class="open" cx={cx} cy={cy} r={4}>
          {children}
        </circle>
      );
    case 'moved':
      return (
        <path class="win" d={`M${cx} ${cy - 5}l5 9h-10z`}>
          {children}
        </path>
      );
    case 'cancelled':
      return (
        <path class="cancelled" d={`M${cx - 4} ${cy - 4}l8 8m0-8l-8 8`}>
          {children}
        </path>
      );
  }
}
