import type { Form } from '../../lib/models/form';
import type { NewRelationshipDraft } from '../../lib/models/relationships-admin';
import { FormShell, useFirstField } from '../Field';
import { CadenceFields, RelationshipFields } from './fields';

/** Who, your role, since when, and how often you meet; the rest of the agreement comes next. */
export function NewRelationshipForm({ form, onClose }: { form: Form<NewRelationshipDraft>; onClose: () => void }) {
  const { values, errors } = form;
  const first = useFirstField();
  return (
    <FormShell form={form} label="New relationship" submit="Create" onSaved={onClose} onCancel={onClose}>
      <div class="grid2">
        <RelationshipFields form={form} first={first} />
        <CadenceFields
          cadence={values.value.cadence}
          rrule={values.value.rrule}
          minutes={values.value.sessionMinutes}
          errors={errors.value}
          onCadence={(cadence) => form.set('cadence', cadence)}
          onRrule={(rrule) => form.set('rrule', rrule)}
          onMinutes={(minutes) => form.set('sessionMinutes', minutes)}
        />
      </div>
    </FormShell>
  );
}
