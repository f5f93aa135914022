import type { CheckIn } from '../../lib/model/outcome';
import { dayLabel, fullDayLabel } from '../format';
import { dayScale, r1 } from './scale';

const W = 600;
const H = 120;
const TOP = 10;
const BOTTOM = H - 20;
const LEFT = 24;

/** Rating 1–5 to y. */
const y = (rating: number): number => BOTTOM - ((rating - 1) * (BOTTOM - TOP)) / 4;

/**
 * The private check-ins over time: progress toward the goals (● line) and how the pair works
 * together (■ line), each from 1 to 5. The same numbers are in a table under the chart.
 */
export function CheckInTrend({ checkIns }: { checkIns: readonly CheckIn[] }) {
  if (checkIns.length === 0) return <p class="muted">No check-ins yet: the trend shows here after the first.</p>;
  const days = checkIns.map((c) => c.createdAt.slice(0, 10));
  const x = dayScale(days, LEFT + 8, W - 8);
  const points = (pick: (c: CheckIn) => number) =>
    checkIns.map((c) => `${r1(x(c.createdAt.slice(0, 10)))},${r1(y(pick(c)))}`).join(' ');
  const first = checkIns[0] as CheckIn;
  const last = checkIns.at(-1) as CheckIn;
  const summary = `${checkIns.length} check-in${checkIns.length === 1 ? '' : 's'} since ${fullDayLabel(first.createdAt)}: progress ${first.progress} to ${last.progress}, working together ${first.dynamic} to ${last.dynamic} (out of 5).`;
  return (
    <figure class="trend">
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        {[1, 2, 3, 4, 5].map((rating) => (
          <g key={rating}>
            <line class="grid" x1={LEFT} x2={W - 8} y1={y(rating)} y2={y(rating)} />
            <text x={LEFT - 6} y={y(rating) + 3} text-anchor="end">
              {rating}
            </text>
          </g>
        ))}
        <polyline class="progress" points={points((c) => c.progress)} />
        <polyline class="dynamic" points={points((c) => c.dynamic)} />
        {checkIns.map((c) => {
          const cx = r1(x(c.createdAt.slice(0, 10)));
          return (
            <g key={c.id}>
              <circle class="done" cx={cx} cy={y(c.progress)} r={3.5}>
                <title>
                  {dayLabel(c.createdAt)}: progress {c.progress}
                </title>
              </circle>
              <rect class="dynamic" x={cx - 3} y={y(c.dynamic) - 3} width={6} height={6}>
                <title>
                  {dayLabel(c.createdAt)}: working together {c.dynamic}
                </title>
              </rect>
            </g>
          );
        })}
        <text x={LEFT + 8} y={H - 4}>
          {fullDayLabel(first.createdAt)}
        </text>
        <text x={W - 8} y={H - 4} text-anchor="end">
          {fullDayLabel(last.createdAt)}
        </text>
      </svg>
      <figcaption class="legend">
        <span>
          <svg viewBox="-6 -6 12 12" aria-hidden="true">
            <circle class="done" r={4} />
          </svg>{' '}
          Progress toward the goals
        </span>
        <span>
          <svg viewBox="-6 -6 12 12" aria-hidden="true">
            <rect class="dynamic" x={-4} y={-4} width={8} height={8} />
          </svg>{' '}
          How you work together
        </span>
      </figcaption>
      <details>
        <summary>The check-ins as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Progress</th>
              <th scope="col">Working together</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {checkIns.map((c) => (
              <tr key={c.id}>
                <td>{fullDayLabel(c.createdAt)}</td>
                <td>{c.progress}</td>
                <td>{c.dynamic}</td>
                <td class="note-cell">{c.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
