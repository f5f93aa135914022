import type { RelationshipsModel } from '../../lib/models/relationships-admin';
import { Disclosure } from '../Field';
import { agreementLine } from '../format';
import { Notice } from '../Notice';
import { NewRelationshipForm } from './NewRelationshipForm';

const STATUS: Record<string, string> = { active: 'active', paused: 'paused', ended: 'ended' };

/** Options → Relationships: every relationship (open one to edit it), and a new one. */
export function RelationshipsSection({ model }: { model: RelationshipsModel }) {
  const state = model.list.value;
  return (
    <section aria-labelledby="relationships-heading" class="card">
      <h2 id="relationships-heading">Relationships</h2>
      <Notice notice={model.notice.value} onDismiss={model.dismissNotice} focusUndo />
      {state.status === 'loading' && <p class="muted">Loading…</p>}
      {state.status === 'error' && <p role="alert">Tandem could not read its data: {String(state.error)}</p>}
      {state.status === 'ready' && state.value.length === 0 && (
        <p class="muted">
          No mentoring relationships yet. Add one here, or choose “Track as mentoring session” on an event in Google
          Calendar.
        </p>
      )}
      {state.status === 'ready' && state.value.length > 0 && (
        <ul class="plain relationships">
          {state.value.map((r) => (
            <li key={r.id}>
              <a href={`#relationship=${r.id}`} aria-current={model.selectedId.value === r.id ? 'page' : undefined}>
                {r.other.name}
              </a>{' '}
              <span class="chip">{STATUS[r.status]}</span>
              <span class="muted small">
                {' '}
                · your {r.myRole === 'mentee' ? 'mentor' : 'mentee'} · {agreementLine(r.agreement)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Disclosure label="New relationship" onOpen={() => model.createForm.reset()}>
        {(close) => <NewRelationshipForm form={model.createForm} onClose={close} />}
      </Disclosure>
    </section>
  );
}
