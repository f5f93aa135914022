import type { Channel } from '../../lib/model/relationship';
import type { AgreementDraft } from '../../lib/models/editor-drafts';
import type { Form } from '../../lib/models/form';
import { DateField, FormShell } from '../Field';
import { dayLabel } from '../format';
import { CadenceFields, LongTextField } from './fields';

const CHANNELS: readonly [Channel, string][] = [
  ['video', 'Video'],
  ['phone', 'Phone'],
  ['chat', 'Chat'],
  ['email', 'Email'],
  ['in-person', 'In person'],
];

/** Each side's role and what each can expect: free text, up to 10,000 characters each. */
const ROLES: readonly [
  keyof Pick<AgreementDraft, 'mentorRole' | 'menteeRole' | 'mentorExpectations' | 'menteeExpectations'>,
  string,
][] = [
  ['mentorRole', "The mentor's role"],
  ['menteeRole', "The mentee's role"],
  ['mentorExpectations', 'Expected of the mentor'],
  ['menteeExpectations', 'Expected of the mentee'],
];

/**
 * What both sides agreed: rhythm and length, channels, roles and what each side can expect,
 * boundaries, and when to review it. When the review date has come, it says so (and the
 * background reminds, options → Reminders).
 */
export function AgreementEditor({
  form,
  reviewOn,
  today,
}: {
  form: Form<AgreementDraft>;
  /** The stored review date. */
  reviewOn: string | undefined;
  today: string;
}) {
  const { values, errors } = form;
  const v = values.value;
  const set =
    <K extends keyof AgreementDraft>(key: K) =>
    (value: AgreementDraft[K]) =>
      form.set(key, value);
  return (
    <FormShell form={form} labelledBy="part-agreement" submit="Save the agreement">
      {reviewOn && reviewOn <= today && (
        <p class="callout" role="status">
          The review date ({dayLabel(reviewOn)}) has come: go through the agreement together, change what no longer
          fits, and set the next review date.
        </p>
      )}
      <div class="grid2">
        <CadenceFields
          cadence={v.cadence}
          rrule={v.rrule}
          minutes={v.sessionMinutes}
          errors={errors.value}
          onCadence={set('cadence')}
          onRrule={set('rrule')}
          onMinutes={set('sessionMinutes')}
        />
        <DateField
          label="Review the agreement on"
          value={v.reviewOn}
          error={errors.value.reviewOn}
          onChange={set('reviewOn')}
        />
      </div>
      <fieldset class="row">
        <legend>Channels</legend>
        {CHANNELS.map(([channel, label]) => (
          <label key={channel} class="check">
            <input
              type="checkbox"
              checked={v.channels.includes(channel)}
              onChange={(e) =>
                form.set(
                  'channels',
                  e.currentTarget.checked ? [...v.channels, channel] : v.channels.filter((c) => c !== channel),
                )
              }
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div class="grid2">
        {ROLES.map(([key, label]) => (
          <LongTextField key={key} label={label} value={v[key]} error={errors.value[key]} onInput={set(key)} />
        ))}
      </div>
      <LongTextField
        label="Boundaries"
        hint="One per line, e.g. “replies within 2 working days”."
        value={v.boundaries}
        error={errors.value.boundaries}
        onInput={set('boundaries')}
      />
    </FormShell>
  );
}
