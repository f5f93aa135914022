import { type ComponentChild, render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckInTrend } from '../../../components/charts/CheckInTrend';
import { MilestoneTimeline } from '../../../components/charts/MilestoneTimeline';
import { SessionHistory } from '../../../components/charts/SessionHistory';
import { dayLabel, fullDayLabel } from '../../../components/format';
import type { Goal } from '../../../lib/model/goal';
import type { CheckIn, Win } from '../../../lib/model/outcome';
import type { Session } from '../../../lib/model/session';

// Dates in labels are in the machine's locale, as in the browser.
const stamps = { createdAt: '2026-09-01T10:00:00.000Z', updatedAt: '2026-09-01T10:00:00.000Z' };
let host: HTMLElement;
const show = (node: ComponentChild): HTMLElement => {
  host = document.createElement('div');
  document.body.append(host);
  render(node, host);
  return host;
};
afterEach(() => {
  render(null, host);
  host.remove();
});

const goal: Goal = {
  id: 'g',
  relationshipId: 'r',
  title: 'Lead a project',
  why: '',
  successCriteria: '',
  category: 'career',
  targetDate: '2027-03-31',
  status: 'active',
  milestones: [
    { id: 'm1', title: 'Proposal', dueOn: '2026-10-15', doneOn: '2026-10-12' },
    { id: 'm2', title: 'Sign-off', dueOn: '2026-12-01' },
    { id: 'm3', title: 'Someday' },
  ],
  revisions: [],
  ...stamps,
};

describe('MilestoneTimeline', () => {
  it('draws done and open milestones, wins and today, and says it in words', () => {
    const win: Win = { id: 'w', relationshipId: 'r', goalId: 'g', text: '<b>Sent</b>', on: '2026-10-12', ...stamps };
    const svg = show(<MilestoneTimeline goal={goal} wins={[win]} today="2026-11-23" />).querySelector('svg');
    expect(svg?.getAttribute('aria-label')).toBe(
      `Timeline: 1 of 3 milestones done, 1 win, target ${dayLabel('2027-03-31')}`,
    );
    expect(svg?.querySelectorAll('circle.done')).toHaveLength(1);
    // A milestone without a date is counted, not drawn.
    expect(svg?.querySelectorAll('circle.open')).toHaveLength(1);
    expect(svg?.querySelector('path.win title')?.textContent).toBe(`Win: <b>Sent</b> (${dayLabel('2026-10-12')})`);
    expect(svg?.querySelector('b')).toBeNull();
  });
});

const session = (day: string, status: Session['status']): Session => ({
  id: day,
  relationshipId: 'r',
  start: `${day}T15:00:00.000Z`,
  status,
  ...stamps,
});

describe('SessionHistory', () => {
  it('marks each session by what happened and counts the agreed rhythm since the start', () => {
    const figure = show(
      <SessionHistory
        sessions={[
          session('2026-09-01', 'held'),
          session('2026-09-15', 'cancelled'),
          // 28 and then 35 days after the one before that took place: both more than 1.5 × 14.
          session('2026-09-29', 'moved'),
          session('2026-11-03', 'held'),
          session('2026-11-30', 'scheduled'),
        ]}
        cadence={{ kind: 'biweekly' }}
        startedOn="2026-09-01"
        today="2026-11-23"
      />,
    );
    expect(figure.querySelector('figure > svg')?.getAttribute('aria-label')).toBe(
      `Since ${fullDayLabel('2026-09-01')}: 2 held, 1 cancelled, 1 moved, 1 scheduled or not confirmed; agreed every 2 weeks, about 6 sessions so far; 2 gaps much longer than agreed.`,
    );
    expect(figure.querySelectorAll('figure > svg line.cancelled title')[1]?.textContent).toBe(
      `35 days between ${dayLabel('2026-09-29')} and ${dayLabel('2026-11-03')}`,
    );
    expect(figure.querySelector('figcaption')?.textContent).toContain('held 2');
  });

  it('covers the last year of a longer relationship', () => {
    const label = show(
      <SessionHistory sessions={[]} cadence={{ kind: 'monthly' }} startedOn="2020-01-01" today="2026-11-23" />,
    )
      .querySelector('figure > svg')
      ?.getAttribute('aria-label');
    expect(label).toMatch(/^Last 12 months: 0 held.*about 13 sessions so far/);
  });
});

describe('CheckInTrend', () => {
  const checkIn = (day: string, progress: number, dynamic: number): CheckIn => ({
    id: day,
    relationshipId: 'r',
    progress,
    dynamic,
    note: '<script>x</script>',
    createdAt: `${day}T10:00:00.000Z`,
    updatedAt: `${day}T10:00:00.000Z`,
  });

  it('draws both lines and lists the same numbers in a table, notes as text', () => {
    const figure = show(<CheckInTrend checkIns={[checkIn('2026-09-01', 2, 4), checkIn('2026-11-01', 4, 5)]} />);
    expect(figure.querySelector('figure > svg')?.getAttribute('aria-label')).toBe(
      `2 check-ins since ${fullDayLabel('2026-09-01')}: progress 2 to 4, working together 4 to 5 (out of 5).`,
    );
    expect(figure.querySelectorAll('polyline')).toHaveLength(2);
    expect([...figure.querySelectorAll('tbody tr')].map((row) => row.textContent)).toEqual([
      `${fullDayLabel('2026-09-01')}24<script>x</script>`,
      `${fullDayLabel('2026-11-01')}45<script>x</script>`,
    ]);
    expect(figure.querySelector('script')).toBeNull();
  });

  it('says so when there is nothing yet', () => {
    expect(show(<CheckInTrend checkIns={[]} />).textContent).toBe(
      'No check-ins yet: the trend shows here after the first.',
    );
  });
});
