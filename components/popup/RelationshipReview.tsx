import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { cadenceDays, gapsInDays, isLateGap } from '../../lib/cadence';
import { startTime } from '../../lib/dates';
import type { RelationshipReview as Review } from '../../lib/db/popup-view';
import type { Cadence } from '../../lib/model/relationship';
import type { GoalsReviewModel } from '../../lib/models/goals-review';
import { ActionList } from '../ActionList';
import { agreementLine, cadenceLabel, dayLabel, timeUntil } from '../format';
import { formatStart } from '../session-label';
import { GoalCard } from './GoalCard';

/**
 * One relationship at a glance: the next session (prepared or not, one click to its agenda), how
 * the agreed rhythm is kept, what is due by whom, and the goals with their progress. Quick actions:
 * add a goal, log a win.
 */
export function RelationshipReview({
  review,
  model,
  first,
}: {
  review: Review;
  model: GoalsReviewModel;
  /** The first relationship's heading marks "content painted" for the bench (Element Timing). */
  first: boolean;
}) {
  const { relationship, nextSession } = review;
  const { id } = relationship;
  const headingId = `rel-${id}`;
  const [open, setOpen] = useState<'goal' | 'win' | null>(null);
  const goalButton = useRef<HTMLButtonElement>(null);
  const winButton = useRef<HTMLButtonElement>(null);
  const [forms, setForms] = useState<QuickForms | null>(null);
  const toggle = (which: 'goal' | 'win'): void => {
    setOpen(open === which ? null : which);
    if (!forms) void loadQuickForms().then(setForms);
  };
  const close = (button: RefObject<HTMLButtonElement | null>): void => {
    setOpen(null);
    button.current?.focus();
  };
  const reviewOn = relationship.agreement.reviewOn;
  const timing = first ? { elementtiming: 'review' } : {};

  return (
    <section class="relationship" aria-labelledby={headingId}>
      <header>
        <h2>
          <span id={headingId} {...timing}>
            {relationship.other.name}
          </span>
          {relationship.status === 'paused' && <span class="chip">paused</span>}
        </h2>
        <p class="meta">
          Your {relationship.myRole === 'mentee' ? 'mentor' : 'mentee'} · {agreementLine(relationship.agreement)}
        </p>
      </header>

      <div class="next">
        {nextSession?.start ? (
          <>
            <p>
              <strong>Next session:</strong> {formatStart(nextSession.start)}
              <span class="meta"> · {timeUntil(startTime(nextSession.start) - Date.parse(model.now))}</span>
            </p>
            <p class="row">
              <span class={review.nextSessionPrepared ? 'ok' : 'todo'}>
                {review.nextSessionPrepared ? 'Agenda prepared' : 'Not prepared yet'}
              </span>
              <button type="button" class="link" onClick={() => model.openSession(nextSession)}>
                Open its agenda
                <span class="visually-hidden"> with {relationship.other.name}</span>
              </button>
            </p>
          </>
        ) : (
          <p class="meta">No upcoming session recorded. Open the next one in Google Calendar to track it.</p>
        )}
        <p class="meta">{adherence(relationship.agreement.cadence, review.recentStarts)}</p>
        {reviewOn && reviewOn <= model.today && (
          <button type="button" class="link" onClick={() => model.openOptions(id, 'agreement')}>
            Review your agreement (due {dayLabel(reviewOn)})
          </button>
        )}
        {review.checkInDue && (
          <button type="button" class="link" onClick={() => model.openOptions(id, 'check-in')}>
            Time for a private check-in
          </button>
        )}
      </div>

      <h3>Due</h3>
      {review.due.length === 0 ? (
        <p class="meta">Nothing due this week.</p>
      ) : (
        <ActionList
          items={review.due}
          relationship={relationship}
          today={model.today}
          onTick={(item) => model.tickAction(item)}
        />
      )}
      {review.openLater > 0 && (
        <p class="meta">
          {review.openLater} more open action item{review.openLater === 1 ? '' : 's'} due later or without a date.
        </p>
      )}

      <h3>Goals</h3>
      {review.goals.length === 0 ? (
        <p class="meta">No goals in progress.</p>
      ) : (
        <ul class="plain goals">
          {review.goals.map((progress) => (
            <GoalCard
              key={progress.goal.id}
              progress={progress}
              today={model.today}
              onMilestone={(milestoneId) => model.setMilestone(progress.goal.id, milestoneId, true)}
            />
          ))}
        </ul>
      )}
      {review.achieved.length > 0 && (
        <p class="meta">Achieved: {review.achieved.map((goal) => goal.title).join(' · ')}</p>
      )}

      <p class="row">
        <button type="button" ref={goalButton} aria-expanded={open === 'goal'} onClick={() => toggle('goal')}>
          Add a goal<span class="visually-hidden"> with {relationship.other.name}</span>
        </button>
        <button type="button" ref={winButton} aria-expanded={open === 'win'} onClick={() => toggle('win')}>
          Log a win<span class="visually-hidden"> with {relationship.other.name}</span>
        </button>
      </p>
      {forms && open === 'goal' && (
        <forms.AddGoalForm relationshipId={id} today={model.today} onClose={() => close(goalButton)} />
      )}
      {forms && open === 'win' && (
        <forms.LogWinForm
          relationshipId={id}
          goals={review.goals.map((g) => g.goal)}
          today={model.today}
          onClose={() => close(winButton)}
        />
      )}
    </section>
  );
}

type QuickForms = typeof import('./QuickForms');

/** The quick forms' code, fetched once when the first of them opens. */
let quickForms: Promise<QuickForms> | undefined;
function loadQuickForms(): Promise<QuickForms> {
  quickForms ??= import('./QuickForms');
  return quickForms;
}

/** "Agreed every 2 weeks; last 3 gaps: 14, 21, 28 days", with gaps much longer than agreed marked. */
function adherence(cadence: Cadence, starts: readonly string[]) {
  const agreed = `Agreed ${cadenceLabel(cadence)}`;
  const gaps = gapsInDays(starts);
  if (gaps.length === 0) return `${agreed}; no sessions held yet to compare.`;
  return (
    <>
      {agreed}; last {gaps.length === 1 ? 'gap' : `${gaps.length} gaps`}:{' '}
      {gaps.map((gap, i) => (
        <span key={i}>
          {i > 0 && ', '}
          {isLateGap(gap, cadence) ? (
            <em class="late" title={`more than ${Math.round(cadenceDays(cadence) * 1.5)} days`}>
              {gap}
              <span class="visually-hidden"> (longer than agreed)</span>
            </em>
          ) : (
            gap
          )}
        </span>
      ))}{' '}
      days.
    </>
  );
}
