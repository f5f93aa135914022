import { useEffect } from 'preact/hooks';
import type { Relationship } from '../../lib/model/relationship';
import type { RelationshipEditor } from '../../lib/models/relationship-editor';
import { describeFootprint, type RelationshipsModel } from '../../lib/models/relationships-admin';
import type { SeriesScheduler } from '../../lib/models/series-scheduler';
import type { OptionsPart } from '../../lib/session-url';
import { ActionList } from '../ActionList';
import { CheckInTrend } from '../charts/CheckInTrend';
import { SessionHistory } from '../charts/SessionHistory';
import { FormShell } from '../Field';
import { fullDayLabel } from '../format';
import { Notice } from '../Notice';
import { AgreementEditor } from './AgreementEditor';
import { CheckInForm } from './CheckInForm';
import { RelationshipFields } from './fields';
import { GoalsEditor } from './GoalsEditor';
import { SeriesSchedulerPart } from './SeriesScheduler';

/**
 * One relationship: who and since when (pause, end, delete), the agreement (and its series on
 * Google Calendar), goals, the sessions against the agreed rhythm, open action items and the
 * private check-ins. The address can point at a part (`part=agreement`): the page moves the focus
 * there, as a reminder's click expects.
 */
export function RelationshipPage({
  admin,
  editor,
  part,
  scheduler,
  syncAvailable,
}: {
  admin: RelationshipsModel;
  editor: RelationshipEditor;
  part: OptionsPart | null;
  /** Scheduling the sessions on Google Calendar; `null` when the build cannot sync. */
  scheduler: SeriesScheduler | null;
  syncAvailable: boolean;
}) {
  const state = editor.state.value;
  const ready = state.status === 'ready' && state.value !== undefined;
  useEffect(() => {
    if (!ready) return;
    const target = document.getElementById(part ? `part-${part}` : 'relationship-heading');
    target?.scrollIntoView({ block: 'start' });
    target?.focus();
  }, [ready, part]);

  if (state.status === 'loading') return <p class="muted">Loading…</p>;
  if (state.status === 'error')
    return <p role="alert">Tandem could not read this relationship: {String(state.error)}</p>;
  if (!state.value) {
    return (
      <section class="card" aria-labelledby="relationship-heading">
        <h2 id="relationship-heading" tabIndex={-1}>
          Relationship not found
        </h2>
        <p>It may have been deleted. Choose another one above.</p>
      </section>
    );
  }
  const { relationship, goals, sessions, checkIns, wins, openActions } = state.value;
  const name = relationship.other.name;

  return (
    <section class="card relationship-page" aria-labelledby="relationship-heading">
      <h2 id="relationship-heading" tabIndex={-1}>
        Mentoring with {name}
      </h2>
      <Notice notice={editor.notice.value} onDismiss={editor.dismissNotice} />
      <StatusBar relationship={relationship} admin={admin} />
      <DetailsForm editor={editor} />

      <h3 id="part-agreement" tabIndex={-1}>
        Agreement
      </h3>
      <AgreementEditor form={editor.agreement} reviewOn={relationship.agreement.reviewOn} today={editor.today} />
      <SeriesSchedulerPart model={scheduler} relationship={relationship} available={syncAvailable} />

      <h3 id="part-goals" tabIndex={-1}>
        Goals
      </h3>
      <GoalsEditor goals={goals} wins={wins} editor={editor} />

      <h3 id="part-sessions" tabIndex={-1}>
        Sessions against the agreed rhythm
      </h3>
      <SessionHistory
        sessions={sessions}
        cadence={relationship.agreement.cadence}
        startedOn={relationship.startedOn}
        today={editor.today}
      />

      <h3 id="part-actions" tabIndex={-1}>
        Open action items
      </h3>
      {openActions.length === 0 ? (
        <p class="muted">Nothing open.</p>
      ) : (
        <ActionList
          items={openActions}
          relationship={relationship}
          today={editor.today}
          onTick={(item) => editor.tickAction(item)}
        />
      )}

      <h3 id="part-check-in" tabIndex={-1}>
        Check-ins
      </h3>
      <CheckInForm form={editor.checkIn} />
      <CheckInTrend checkIns={checkIns} />
    </section>
  );
}

/** Where the relationship stands, and pausing, ending or deleting it (deleting asks first). */
function StatusBar({ relationship, admin }: { relationship: Relationship; admin: RelationshipsModel }) {
  const confirming = admin.confirming.value;
  const asking = confirming?.relationship.id === relationship.id;
  const { status } = relationship;
  return (
    <div class="status-bar">
      <p>
        {status === 'active' && `Active since ${fullDayLabel(relationship.startedOn)}.`}
        {status === 'paused' && 'Paused: no reminders until you resume it.'}
        {status === 'ended' && `Ended${relationship.endedOn ? ` on ${fullDayLabel(relationship.endedOn)}` : ''}.`}
      </p>
      <div class="row">
        {status === 'active' && (
          <button type="button" onClick={() => void admin.setStatus(relationship, 'paused')}>
            Pause
          </button>
        )}
        {status === 'paused' && (
          <button type="button" onClick={() => void admin.setStatus(relationship, 'active')}>
            Resume
          </button>
        )}
        {status !== 'ended' ? (
          <button type="button" onClick={() => void admin.setStatus(relationship, 'ended')}>
            End the relationship
          </button>
        ) : (
          <button type="button" onClick={() => void admin.setStatus(relationship, 'active')}>
            Reopen
          </button>
        )}
        <button type="button" class="danger" aria-expanded={asking} onClick={() => void admin.askDelete(relationship)}>
          Delete…
        </button>
      </div>
      {asking && confirming && (
        <fieldset class="confirm" aria-describedby="delete-question">
          <legend class="visually-hidden">Confirm deleting {relationship.other.name}</legend>
          <p id="delete-question">
            Delete {relationship.other.name} and everything recorded with them (
            {describeFootprint(confirming.footprint)}) from this browser? You can undo it for a little while.
          </p>
          <div class="row">
            <button type="button" class="danger" onClick={() => void admin.confirmDelete()}>
              Yes, delete {relationship.other.name}
            </button>
            <button type="button" onClick={admin.cancelDelete}>
              Keep it
            </button>
          </div>
        </fieldset>
      )}
    </div>
  );
}

/** Who the other person is, your role, and the start. */
function DetailsForm({ editor }: { editor: RelationshipEditor }) {
  const form = editor.details;
  return (
    <FormShell form={form} label="Details" submit="Save the details" primary={false}>
      <div class="grid2">
        <RelationshipFields form={form} />
      </div>
    </FormShell>
  );
}
