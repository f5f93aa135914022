import { useState } from 'preact/hooks';
import type { Role } from '../../lib/model/common';
import type { Cadence, Relationship } from '../../lib/model/relationship';
import type { SessionPanelModel } from '../../lib/models/session-panel';
import { agreementLine, today } from '../format';

const NEW = 'new';
const CADENCES: Array<{ kind: Exclude<Cadence['kind'], 'custom'>; label: string }> = [
  { kind: 'weekly', label: 'Every week' },
  { kind: 'biweekly', label: 'Every 2 weeks' },
  { kind: 'monthly', label: 'Every month' },
];

interface Props {
  model: SessionPanelModel;
  relationships: Relationship[];
  recurring: boolean;
  /** Show the form right away (in a call the question is the point), not behind a button. */
  startOpen?: boolean;
}

/**
 * "Track as mentoring session": links this event (and, for a recurring event, its whole series) to
 * an existing relationship or a new one. Local only: no account is needed.
 */
export function TrackEvent({ model, relationships, recurring, startOpen = false }: Props) {
  const [open, setOpen] = useState(startOpen);
  const [choice, setChoice] = useState(relationships[0]?.id ?? NEW);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [myRole, setMyRole] = useState<Role>('mentee');
  const [cadence, setCadence] = useState<(typeof CADENCES)[number]['kind']>('biweekly');
  const [minutes, setMinutes] = useState(45);
  const [wholeSeries, setWholeSeries] = useState(true);
  const [nameError, setNameError] = useState('');
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <button type="button" class="track-open" onClick={() => setOpen(true)}>
        Track as mentoring session
      </button>
    );
  }

  const creating = choice === NEW || !relationships.some((r) => r.id === choice);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (creating && name.trim() === '') {
      setNameError('Enter the name of the person you meet.');
      return;
    }
    setNameError('');
    setBusy(true);
    const done = await model.track(
      creating
        ? {
            create: {
              myRole,
              other: { name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}) },
              startedOn: today(),
              agreement: {
                cadence: { kind: cadence },
                sessionMinutes: minutes,
                channels: ['video'],
                mentorRole: '',
                menteeRole: '',
                mentorExpectations: '',
                menteeExpectations: '',
                boundaries: [],
              },
            },
          }
        : { relationshipId: choice },
      recurring && wholeSeries,
    );
    setBusy(false);
    if (done) setOpen(false);
  };

  return (
    <form class="track-form" onSubmit={submit} aria-labelledby="track-heading">
      <h2 id="track-heading">Track as mentoring session</h2>
      {relationships.length > 0 && (
        <label class="field">
          <span>Mentoring relationship</span>
          <select value={creating ? NEW : choice} onChange={(e) => setChoice(e.currentTarget.value)}>
            {relationships.map((r) => (
              <option key={r.id} value={r.id}>
                {r.myRole === 'mentee' ? 'Mentored by' : 'Mentoring'} {r.other.name} ({agreementLine(r.agreement)})
              </option>
            ))}
            <option value={NEW}>Someone new…</option>
          </select>
        </label>
      )}
      {creating && (
        <fieldset class="new-relationship">
          <legend>New relationship</legend>
          <label class="field">
            <span>Their name</span>
            <input
              value={name}
              maxLength={500}
              required
              aria-invalid={nameError ? 'true' : undefined}
              aria-describedby={nameError ? 'track-name-error' : undefined}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          {nameError && (
            <p class="field-error" id="track-name-error">
              {nameError}
            </p>
          )}
          <label class="field">
            <span>Their email (optional)</span>
            <input type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </label>
          <fieldset class="inline">
            <legend>I am the</legend>
            {(['mentee', 'mentor'] as const).map((role) => (
              <label key={role}>
                <input type="radio" name="my-role" checked={myRole === role} onChange={() => setMyRole(role)} />
                {role}
              </label>
            ))}
          </fieldset>
          <div class="row">
            <label class="field">
              <span>We meet</span>
              <select value={cadence} onChange={(e) => setCadence(e.currentTarget.value as typeof cadence)}>
                {CADENCES.map((c) => (
                  <option key={c.kind} value={c.kind}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span>Minutes per session</span>
              <input
                type="number"
                min={5}
                max={480}
                step={5}
                value={minutes}
                onInput={(e) => setMinutes(e.currentTarget.valueAsNumber)}
              />
            </label>
          </div>
        </fieldset>
      )}
      {recurring && (
        <label class="check">
          <input type="checkbox" checked={wholeSeries} onChange={(e) => setWholeSeries(e.currentTarget.checked)} />
          Every occurrence of this recurring event
        </label>
      )}
      <p class="muted small">Kept on this device only; nothing is written to your calendar.</p>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Track
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
