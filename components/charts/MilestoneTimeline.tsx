import type { Goal } from '../../lib/model/goal';
import type { Win } from '../../lib/model/outcome';
import { dayLabel } from '../format';
import { dayScale, r1 } from './scale';

const W = 300;
const H = 30;
const Y = 18;

/**
 * A goal's course in one line: from when it was set to its target date, its milestones (filled when
 * done, on the day they were done, else on their due day), its wins (diamonds above the line) and
 * today. Milestones without a date are counted in the label, not drawn.
 */
export function MilestoneTimeline({ goal, wins, today }: { goal: Goal; wins: readonly Win[]; today: string }) {
  const placed = goal.milestones.flatMap((m) => {
    const day = m.doneOn ?? m.dueOn;
    return day ? [{ m, day }] : [];
  });
  const x = dayScale(
    [
      goal.createdAt.slice(0, 10),
      today,
      ...(goal.targetDate ? [goal.targetDate] : []),
      ...placed.map((p) => p.day),
      ...wins.map((w) => w.on),
    ],
    8,
    W - 8,
  );
  const done = goal.milestones.filter((m) => m.doneOn).length;
  const label = [
    `${done} of ${goal.milestones.length} milestones done`,
    `${wins.length} win${wins.length === 1 ? '' : 's'}`,
    goal.targetDate ? `target ${dayLabel(goal.targetDate)}` : 'no target date',
  ].join(', ');
  return (
    <svg class="timeline" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Timeline: ${label}`}>
      <line class="axis" x1={8} x2={W - 8} y1={Y} y2={Y} />
      <line class="today" x1={r1(x(today))} x2={r1(x(today))} y1={6} y2={H - 2}>
        <title>Today</title>
      </line>
      {goal.targetDate && (
        <line class="target" x1={r1(x(goal.targetDate))} x2={r1(x(goal.targetDate))} y1={Y - 7} y2={Y + 7}>
          <title>Target {dayLabel(goal.targetDate)}</title>
        </line>
      )}
      {placed.map(({ m, day }) => (
        <circle key={m.id} class={m.doneOn ? 'done' : 'open'} cx={r1(x(day))} cy={Y} r={4}>
          <title>
            {m.title} — {m.doneOn ? `done ${dayLabel(m.doneOn)}` : `due ${dayLabel(day)}`}
          </title>
        </circle>
      ))}
      {wins.map((win) => (
        <path key={win.id} class="win" d={`M${r1(x(win.on))} 2l4 4-4 4-4-4z`}>
          <title>
            Win: {win.text} ({dayLabel(win.on)})
          </title>
        </path>
      ))}
    </svg>
  );
}
