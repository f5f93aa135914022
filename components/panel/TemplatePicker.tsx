import { useState } from 'preact/hooks';
import { AGENDA_TEMPLATES } from '../../lib/db/agenda';
import type { AgendaTemplateId } from '../../lib/model/agenda';
import type { SessionPanelModel } from '../../lib/models/session-panel';

const TEMPLATE_NAMES: Record<AgendaTemplateId, string> = {
  'first-session': 'First session',
  'check-in': 'Regular check-in',
  'goal-review': 'Goal review',
  retrospective: 'Retrospective and agreement review',
};

/** Adds a template's questions that the agenda does not have yet. */
export function TemplatePicker({ model, sessionId }: { model: SessionPanelModel; sessionId: string }) {
  const [template, setTemplate] = useState<AgendaTemplateId>('check-in');
  return (
    <form
      class="templates"
      onSubmit={(e) => {
        e.preventDefault();
        void model.applyTemplate(sessionId, template, TEMPLATE_NAMES[template]);
      }}
    >
      <label class="field" for="agenda-template">
        <span>Start from a template</span>
        <select
          id="agenda-template"
          value={template}
          onChange={(e) => setTemplate(e.currentTarget.value as AgendaTemplateId)}
        >
          {Object.entries(TEMPLATE_NAMES).map(([id, name]) => (
            <option key={id} value={id} title={AGENDA_TEMPLATES[id as AgendaTemplateId].join('\n')}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Add its questions</button>
    </form>
  );
}
