import type { GoalProgress } from '../../lib/db/popup-view';
import { MilestoneTimeline } from '../charts/MilestoneTimeline';
import { dayLabel } from '../format';
import { StoredCheckbox } from '../StoredCheckbox';

/** One goal in the review: progress, target date, its timeline, and the next milestone to tick off. */
export function GoalCard({
  progress,
  today,
  onMilestone,
}: {
  progress: GoalProgress;
  today: string;
  onMilestone: (milestoneId: string) => Promise<boolean>;
}) {
  const { goal, done, wins } = progress;
  const next = goal.milestones.find((m) => !m.doneOn);
  const late = goal.targetDate !== undefined && goal.targetDate < today;
  return (
    <li class="goal">
      <p class="goal-title">
        <strong>{goal.title}</strong>
        {goal.status !== 'active' && <span class="chip">{goal.status}</span>}
      </p>
      <p class="meta">
        {goal.milestones.length > 0 ? `${done}/${goal.milestones.length} milestones` : 'No milestones yet'}
        {goal.targetDate && (
          <span class={late ? 'overdue' : undefined}>
            {' · '}
            {late ? `target passed ${dayLabel(goal.targetDate)}` : `target ${dayLabel(goal.targetDate)}`}
          </span>
        )}
        {wins.length > 0 && ` · ${wins.length} win${wins.length === 1 ? '' : 's'}`}
      </p>
      <MilestoneTimeline goal={goal} wins={wins} today={today} />
      {next && (
        <label class="check">
          <StoredCheckbox key={next.id} checked={false} onChange={() => onMilestone(next.id)} />
          <span>
            <span class="visually-hidden">Milestone reached: </span>
            Next: {next.title}
            {next.dueOn && (
              <span class={`meta${next.dueOn < today ? ' overdue' : ''}`}> · by {dayLabel(next.dueOn)}</span>
            )}
          </span>
        </label>
      )}
    </li>
  );
}
